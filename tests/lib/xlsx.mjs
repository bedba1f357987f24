// xlsx.mjs - reading back the workbooks the server writes, in tests: the
// cells of one sheet as {A4: value} (shared strings resolved, numbers as
// numbers), with unzip(1) and no library.
import { execFileSync } from 'node:child_process';

export function sheetCells(file, n) {
  const unx = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&amp;/g, '&');
  const ss = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  const strings = [...ss.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => unx([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  const xml = execFileSync('unzip', ['-p', file, `xl/worksheets/sheet${n}.xml`], { encoding: 'utf8' });
  const cells = {};
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)) {
    if (m[3] === undefined) continue;
    cells[m[1]] = / t="s"/.test(m[2]) ? strings[Number(m[3])] : Number(m[3]);
  }
  return cells;
}
