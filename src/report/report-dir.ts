/**
 * A report directory, reports/<run-id>/: summary.json (validated against the schema before it is
 * written), report.md and report.html rendered from it. Every file goes through a temporary file and
 * a rename; summary.json is written last, so its presence means the directory is complete.
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { parseSummary, type Summary } from './summary-schema.js';

export function writeReportDir(dir: string, summary: Summary): string {
  const s = parseSummary(summary);
  writeFileAtomic(join(dir, 'report.md'), renderMarkdown(s));
  writeFileAtomic(join(dir, 'report.html'), renderHtml(s));
  writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(s, null, 2) + '\n');
  return dir;
}
