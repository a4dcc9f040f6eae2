/**
 * trailheadapps/lwc-recipes' Lightning Message Service tests, unchanged (CC0, copied into
 * platform/testing/fixtures/lwc-recipes with the components they test), pass against the
 * kit's drop-in lightning/messageService; three of them fail against the strict fake alone
 * (publish is then no jest mock and a missing context is refused), which shows the drop-in
 * is what runs. Jest runs in a child process from the fixture folder, as sfdx-lwc-jest
 * finds its sfdx-project.json in the working directory.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'lwc-recipes');
const JEST = path.join(__dirname, '..', '..', '..', 'node_modules', 'jest', 'bin', 'jest.js');

interface JestSummary {
    success: boolean;
    numPassedTests: number;
    numFailedTests: number;
    testResults: Array<{ name: string }>;
}

it('lwc-recipes lmsPublisherWebComponent and lmsSubscriberWebComponent tests pass unchanged on the drop-in fake', () => {
    const run = spawnSync(process.execPath, [JEST, '-c', 'jest.config.cjs', '--json', '--runInBand'], {
        cwd: FIXTURE,
        encoding: 'utf8',
        timeout: 170_000
    });
    const summary = JSON.parse(run.stdout) as JestSummary;
    expect(summary.testResults.map((r) => path.basename(r.name)).sort()).toEqual([
        'lmsPublisherWebComponent.test.js',
        'lmsSubscriberWebComponent.test.js'
    ]);
    expect({ success: summary.success, failed: summary.numFailedTests, passed: summary.numPassedTests }).toEqual({
        success: true,
        failed: 0,
        passed: 11
    });
}, 180_000);
