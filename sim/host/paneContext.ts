/** What every section of the control pane gets: the current world and a safe way to act on it. */
import type { PageWorld } from './world';

export interface PaneContext {
    /** The world now shown (a loaded scenario replaces it). */
    world(): PageWorld;
    /**
     * Runs an action on the world. A refusal (SimError: work not in the right state, not
     * logged in...) is shown in the pane with `what` it was; nothing else changes.
     */
    act(what: string, action: (world: PageWorld) => void): void;
}

/** "English: 5, French 3" -> [{skill: English, level: 5}, ...]; throws on a malformed entry. */
export function parseSkills(text: string): Array<{ skill: string; level: number }> {
    return text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
            const match = /^([A-Za-z][\w -]*?)\s*[:=]?\s*(\d+)?$/.exec(part);
            if (!match) throw new Error(`skills: "${part}" is not "Skill: level" (for example "French: 5")`);
            return { skill: match[1].trim(), level: match[2] === undefined ? 1 : Number(match[2]) };
        });
}
