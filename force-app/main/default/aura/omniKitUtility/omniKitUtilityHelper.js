({
    // The utility bar is a nicety: when it refuses (not in a utility), the status panel itself is still right.
    updateUtility: function (cmp, label, highlighted) {
        var utilityBar = cmp.find('utilityBar');
        var ignore = function () {
            return false;
        };
        if (typeof label === 'string' && label !== '') {
            utilityBar.setUtilityLabel({ label: label }).catch(ignore);
        }
        if (typeof highlighted === 'boolean') {
            utilityBar.setUtilityHighlighted({ highlighted: highlighted }).catch(ignore);
        }
    }
});
