/**
 * The demo org the preview pretends to be: the rep's presence statuses, presence
 * configuration and Case records, in the toolkit's 15-character id form. The fake toolkit
 * and the fake Apex controller both read it, so they agree (as an org's would).
 * Labels follow the demo/ metadata (Omni_Kit_* statuses, decline reasons, configuration).
 */
export const USER_ID = '005RM000000Rep1';
export const SUPERVISOR_ID = '005RM000000Sup1';
export const CASE_CHANNEL = { channelId: '0N9RM0000000001', developerName: 'Omni_Kit_Cases' };

export interface DemoStatus {
    statusId: string;
    label: string;
    developerName: string;
    /** Has service channels: work is routed while in it. */
    isOnline: boolean;
}

export const STATUSES: readonly DemoStatus[] = [
    { statusId: '0N5RM0000000001', label: 'Available', developerName: 'Omni_Kit_Available', isOnline: true },
    { statusId: '0N5RM0000000002', label: 'On Break', developerName: 'Omni_Kit_Break', isOnline: false }
];

export const PRESENCE_CONFIG = {
    configName: 'Omni Kit Agents',
    capacity: 5,
    interruptibleCapacity: 2,
    declineAllowed: true,
    reasonsEnabled: true,
    reasons: [
        { reasonId: '0KRRM0000000001', label: 'Busy with another customer', developerName: 'Omni_Kit_Busy' },
        { reasonId: '0KRRM0000000002', label: 'Needs another skill', developerName: 'Omni_Kit_Wrong_Skill' }
    ]
} as const;

const SUBJECTS = [
    'Printer on fire',
    'Cannot log in to the customer portal',
    'Invoice shows the wrong VAT rate',
    'Delivery arrived damaged',
    'Reset two-factor authentication',
    'Upgrade to the premium plan',
    'Refund for a duplicate charge',
    'Shipping address change after dispatch'
];

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** n (0..916,132,831) as 5 base-62 characters. */
function base62(n: number): string {
    let out = '';
    for (let i = 0; i < 5; i++) {
        out = ALPHABET[n % 62] + out;
        n = Math.floor(n / 62);
    }
    return out;
}

export interface DemoCase {
    caseId: string;
    caseNumber: string;
    subject: string;
}

/** The n-th demo Case (n >= 1): a stable id, a case number and a subject. */
export function demoCase(n: number): DemoCase {
    return {
        caseId: `500RM00000${base62(n)}`,
        caseNumber: String(1025 + n).padStart(8, '0'),
        subject: SUBJECTS[(n - 1) % SUBJECTS.length]
    };
}

/** The Case number of a demo Case id (15 or 18 characters), or null when it is not one. */
export function demoCaseNumber(caseId: string): number | null {
    if (!/^500RM00000[0-9A-Za-z]{5}/.test(caseId)) return null;
    let n = 0;
    for (const ch of caseId.slice(10, 15)) n = n * 62 + ALPHABET.indexOf(ch);
    return n > 0 ? n : null;
}

/** The n-th AgentWork id (n >= 1), 15 characters as the toolkit sends them. */
export function demoWorkId(n: number): string {
    return `0BzRM00000${base62(n)}`;
}
