/**
 * What the rep reads when an action fails, chosen by the typed error's `code` (it survives
 * the message channel, so it is the reliable thing to branch on): a time-out, a bridge that
 * stopped answering, a refusal by Omni-Channel with its own words, arguments the toolkit
 * would misread. Anything else (an Apex error, an unexpected throw) keeps its message.
 */
import { LABELS, formatLabel } from 'c/omniPanelLabels';

export type ActionFailureKind = 'timeout' | 'bridgeUnavailable' | 'rejected' | 'badArgument' | 'other';

export interface ActionFailure {
    kind: ActionFailureKind;
    /** The sentence shown inline and in the toast. */
    message: string;
}

const KIND_BY_CODE: Readonly<Record<string, ActionFailureKind>> = {
    COMMAND_TIMEOUT: 'timeout',
    BRIDGE_UNAVAILABLE: 'bridgeUnavailable',
    TOOLKIT_REJECTED: 'rejected',
    BAD_ARGUMENT: 'badArgument'
};

/** The error's text: an Error's message, an Apex error's body.message, or whatever it is as text. */
export function errorText(error: unknown): string {
    if (error instanceof Error) return error.message;
    const body = (error as { body?: { message?: unknown } } | null)?.body;
    if (typeof body?.message === 'string') return body.message;
    return String(error);
}

function codeOf(error: unknown): string | null {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : null;
}

/**
 * The toolkit's own words: OmniToolkitError and OmniArgumentError prefix their message with
 * the method ("acceptAgentWork failed: ...", "declineAgentWork: ..."), which means nothing
 * to a rep.
 */
function detailOf(error: unknown): string {
    const text = errorText(error);
    const method = (error as { method?: unknown } | null)?.method;
    if (typeof method !== 'string' || method === '') return text;
    for (const prefix of [`${method} failed: `, `${method}: `]) {
        if (text.startsWith(prefix) && text.length > prefix.length) return text.slice(prefix.length);
    }
    return text;
}

/** `action` is the label naming what the rep tried ("accept the work"). */
export function describeActionFailure(action: string, error: unknown): ActionFailure {
    const code = codeOf(error);
    const kind: ActionFailureKind = (code !== null && KIND_BY_CODE[code]) || 'other';
    switch (kind) {
        case 'timeout':
            return { kind, message: formatLabel(LABELS.ErrorTimeout, action) };
        case 'bridgeUnavailable':
            return { kind, message: formatLabel(LABELS.ErrorBridgeGone, action) };
        case 'rejected':
            return { kind, message: formatLabel(LABELS.ErrorRejected, action, detailOf(error)) };
        case 'badArgument':
            return { kind, message: formatLabel(LABELS.ErrorArgument, action, detailOf(error)) };
        default:
            return { kind, message: formatLabel(LABELS.ActionFailed, action, errorText(error)) };
    }
}
