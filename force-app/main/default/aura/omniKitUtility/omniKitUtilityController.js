({
    // The status panel asks for its utility's label and highlight (data: label, highlighted).
    onUtilityState: function (cmp, evt, helper) {
        helper.updateUtility(cmp, evt.getParam('label'), evt.getParam('highlighted'));
    }
});
