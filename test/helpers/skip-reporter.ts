// Lists, at the end of a run, each test skipped because a system tool was missing, with the tool it needs.
import type { Reporter, TestModule } from 'vitest/node';
import { MISSING_TOOL } from './system-tools.js';

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'skipped' && result.note?.startsWith(MISSING_TOOL)) {
          lines.push(`  ${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}: ${result.note}`);
        }
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nSkipped for a missing system tool (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
