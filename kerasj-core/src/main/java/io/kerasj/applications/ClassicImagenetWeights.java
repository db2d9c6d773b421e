package io.kerasj.applications;

import java.util.Map;

/**
 * Keras 3.15's published ImageNet weights for ResNet (V1 and V2), VGG, InceptionV3, DenseNet and Xception: the file
 * name, URL and hash each builder passes to {@code keras.utils.get_file} (a Python test checks them against the Keras
 * source).
 */
public final class ClassicImagenetWeights {
    static final String KERAS_APPLICATIONS = "https://storage.googleapis.com/tensorflow/keras-applications/";
    static final String RESNET = KERAS_APPLICATIONS + "resnet/";
    static final String DENSENET = KERAS_APPLICATIONS + "densenet/";

    /** {@code resnet.WEIGHTS_HASHES}: with the top, without. */
    static final Map<String, String[]> RESNET_HASHES = Map.of(
            "resnet50", new String[]{"2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"},
            "resnet101", new String[]{"f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"},
            "resnet152", new String[]{"100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"},
            "resnet50v2", new String[]{"3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917"},
            "resnet101v2", new String[]{"6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5"},
            "resnet152v2", new String[]{"a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33"},
            "resnext50", new String[]{"67a5b30d522ed92f75a1f16eef299d1a", "62527c363bdd9ec598bed41947b379fc"},
            "resnext101", new String[]{"34fb605428fcc7aa4d62f44404c11509", "0f678c91647380debd923963594981b3"});

    /** The hashes of VGG16, VGG19, InceptionV3, Xception and DenseNet's files as each module writes them: with the top, without. */
    static final Map<String, String[]> HASHES = Map.of(
            "vgg16", new String[]{"64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc"},
            "vgg19", new String[]{"cbe5617147190e668d6c5d5026f83318", "253f8cb515780f3b799900260a226db6"},
            "inception_v3", new String[]{"9a0d58056eeedaa3f26cb7ebd46da564", "bcbd6486424b2319ff4ef7d526e38f63"},
            "xception", new String[]{"0a58e3b7378bc2990ea3b43d5981f1f6", "b0042744bf5b25fce3cb969f33bebb97"},
            "densenet121", new String[]{"9d60b8095a5708f2dcce2bca79d332c7", "30ee3e1110167f948a6b9946edeeb738"},
            "densenet169", new String[]{"d699b8f76981ab1b30698df4c175e90b", "b8c4d4c20dd625c148057b9ff1c1176b"},
            "densenet201", new String[]{"1ceb130c1ea1b78c3bf6114dbdfd8807", "c13680b51ded0fb44dff2d8f86ac8bb1"});

    private ClassicImagenetWeights() {
    }

    /**
     * @param weightsName Keras's {@code weights_name}: resnet50, resnet101, resnet152, resnet50v2, resnet101v2, resnet152v2
     * @param includeTop with the classifier
     * @return the file {@code resnet.ResNet} asks for
     * @throws IllegalArgumentException when Keras publishes none of that name
     */
    public static PretrainedWeights resNet(String weightsName, boolean includeTop) {
        String[] hashes = RESNET_HASHES.get(weightsName);
        if (hashes == null) {
            throw new IllegalArgumentException("Keras publishes no ImageNet weights named " + weightsName);
        }
        String name = weightsName + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5";
        return new PretrainedWeights(name, RESNET + name, hashes[includeTop ? 0 : 1]);
    }

    /**
     * @param depth 16 or 19
     * @param includeTop with the classifier
     * @return VGG's file
     */
    public static PretrainedWeights vgg(int depth, boolean includeTop) {
        return inFolder("vgg" + depth, "vgg" + depth, includeTop);
    }

    /**
     * @param includeTop with the classifier
     * @return InceptionV3's file
     */
    public static PretrainedWeights inceptionV3(boolean includeTop) {
        return inFolder("inception_v3", "inception_v3", includeTop);
    }

    /**
     * @param includeTop with the classifier
     * @return Xception's file
     */
    public static PretrainedWeights xception(boolean includeTop) {
        return inFolder("xception", "xception", includeTop);
    }

    /**
     * @param depth 121, 169 or 201
     * @param includeTop with the classifier
     * @return DenseNet's file
     */
    public static PretrainedWeights denseNet(int depth, boolean includeTop) {
        return inFolder("densenet", "densenet" + depth, includeTop);
    }

    private static PretrainedWeights inFolder(String folder, String model, boolean includeTop) {
        String[] hashes = HASHES.get(model);
        if (hashes == null) {
            throw new IllegalArgumentException("Keras publishes no ImageNet weights for " + model);
        }
        String name = model + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5";
        return new PretrainedWeights(name, KERAS_APPLICATIONS + folder + "/" + name, hashes[includeTop ? 0 : 1]);
    }
}
