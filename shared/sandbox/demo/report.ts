/**
 * The demo's last scene: Monday morning, the reports' clock fires and the
 * head finds the week's report in the heads' chat — the chart as a photo
 * with the Russian summary, then the workbook. Both files are kept in a
 * folder the transcript names, to be opened.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { reportTick } from '../../flows/reports/tick.js';
import type { Harness } from './harness.js';
import { seen, until } from './staff.js';
import { say, scene, screen } from './transcript.js';

/** PNG width and height from its IHDR chunk. */
function pngSize(png: Buffer): string {
  return `${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`;
}

export async function showWeeklyReport(h: Harness, M = 'Telegram'): Promise<void> {
  const { org } = h;
  const head = org.staff.find((s) => s.roles.includes('head'));
  const monday = DateTime.now().setZone(org.timezone).startOf('week').plus({ weeks: 1, hours: 9, minutes: 5 });
  scene(`Monday ${monday.toFormat('dd.MM.yyyy HH:mm')} (${org.timezone}): the week's report reaches ${head?.name ?? 'the head'} in the heads' chat`);
  say(`The reports' clock (a BullMQ job scheduler, every 15 minutes in ${org.timezone}) asks the working-time calendar what is due; here it is asked as of that Monday morning.`);
  const before = seen(h, org.chats.heads).length;
  say(`Tick → ${await reportTick(h.system.ctx, monday.toJSDate())}`);
  const [photo, doc] = await until(
    () => {
      const sent = seen(h, org.chats.heads).slice(before).filter((m) => m.files.length > 0);
      return sent.length >= 2 ? sent : null;
    },
    'the weekly report',
    60_000,
  );
  const png = photo!.files[0]!.bytes()!;
  const file = doc!.files[0]!;
  const bytes = file.bytes()!;
  const name = file.fileName ?? 'report.xlsx';
  const dir = await mkdtemp(join(tmpdir(), 'otklik-demo-report-'));
  await writeFile(join(dir, 'report.png'), png);
  await writeFile(join(dir, name), bytes);
  screen(`${M}, heads' chat: a photo (PNG ${pngSize(png)}, ${Math.round(png.length / 1024)} KB) with its caption`, photo!.text ?? '');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const summary = wb.worksheets[0]!;
  const rows: string[] = [];
  for (let r = 2; r <= Math.min(summary.rowCount, 14); r++) {
    const label = summary.getCell(r, 1).value;
    const cell = summary.getCell(r, 2);
    const value = cell.value;
    // As Excel shows it: a share as percent, a wall-clock date as written.
    const shown =
      value instanceof Date
        ? value.toISOString().slice(0, 16).replace('T', ' ')
        : typeof value === 'number' && cell.numFmt?.includes('%')
          ? `${Math.round(value * 100)} %`
          : String(value ?? '');
    if (label !== null && label !== undefined) rows.push(`${String(label)}: ${shown}`);
  }
  screen(
    `${M}, heads' chat: a document «${name}» (${Math.round(bytes.length / 1024)} KB)`,
    [`Sheets: ${wb.worksheets.map((ws) => ws.name).join(' · ')}`, '', `${summary.name}:`, ...rows.map((r) => `  ${r}`)].join('\n'),
  );
  say(`The chart and the workbook are saved in ${dir} to open.`);
}
