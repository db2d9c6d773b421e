package io.kerasj.tuner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the parameters' grid values ({@link HyperParameter#gridValues}) in order, the last parameter
 * changing fastest, up to {@code max_trials}. A Float needs a step to have a grid.
 */
final class GridSearchOracle implements Oracle {

    @Override
    public List<TrialSpec> plan(List<HyperParameter> space, int maxTrials) {
        List<List<Object>> grids = new ArrayList<>();
        for (HyperParameter p : space) {
            grids.add(p.gridValues());
        }
        List<TrialSpec> trials = new ArrayList<>();
        int[] index = new int[space.size()];
        while (trials.size() < maxTrials) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < space.size(); i++) {
                values.put(space.get(i).name(), grids.get(i).get(index[i]));
            }
            trials.add(new TrialSpec(trials.size(), values));
            int i = space.size() - 1;
            while (i >= 0 && ++index[i] == grids.get(i).size()) {
                index[i] = 0;
                i--;
            }
            if (i < 0) {
                break;
            }
        }
        return trials;
    }

    @Override
    public String description() {
        return "grid_search";
    }
}
