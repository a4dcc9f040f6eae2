({
    // The twelve lightning:omniToolkitAPI methods; nothing else may be called through the bridge.
    toolkitMethods: function () {
        return [
            'acceptAgentWork',
            'declineAgentWork',
            'closeAgentWork',
            'getAgentWorks',
            'getAgentWorkload',
            'getServicePresenceStatusChannels',
            'getServicePresenceStatusId',
            'login',
            'logout',
            'raiseAgentWorkFlag',
            'lowerAgentWorkFlag',
            'setServicePresenceStatus'
        ];
    },

    // Returns the function omniBridgeCore calls to run a toolkit method; it returns the toolkit's promise.
    createInvoker: function (cmp) {
        var methods = this.toolkitMethods();
        return function (method, args) {
            var result;
            if (methods.indexOf(method) < 0) {
                return Promise.reject(new Error('Not a toolkit method: ' + method));
            }
            // Called from LWC, outside Aura's lifecycle: $A.getCallback keeps Aura's context.
            $A.getCallback(function () {
                var toolkit = cmp.isValid() ? cmp.find('omniToolkit') : null;
                if (!toolkit) {
                    result = Promise.reject(new Error('lightning:omniToolkitAPI is not available'));
                    return;
                }
                result = args === undefined ? toolkit[method]() : toolkit[method](args);
            })();
            return result;
        };
    },

    forward: function (cmp, eventName, evt) {
        var core = cmp.find('core');
        if (core) {
            core.handleOmniEvent(eventName, evt.getParams());
        }
    }
});
