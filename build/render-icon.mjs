// Renders build/icon.svg to build/icon.png (1024×1024, transparent margin) in
// Debian's Chromium: `node build/render-icon.mjs`. electron-builder derives the
// macOS .icns and Windows .ico from the PNG. Re-run after editing the SVG.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 1024, height: 1024 } });
  writeFileSync(join(here, 'icon.png'), png);
  console.log(`wrote ${join(here, 'icon.png')} (${png.length} bytes)`);
} finally {
  await browser.close();
}
