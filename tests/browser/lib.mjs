// Shared helpers for the MotCua browser tests: launch Debian's Chromium through
// playwright-core (no downloaded browsers), run an axe-core audit in a page, and
// save screenshots under tests/browser/artifacts/ (gitignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const ARTIFACTS = join(here, 'artifacts');

/** Base URL of the running portal, without a trailing slash. */
export function baseUrl() {
  const url = process.env.BASE_URL;
  if (!url) {
    throw new Error('BASE_URL is not set; run scripts/browser-test.sh BINARY, ' +
                    'or set BASE_URL=http://127.0.0.1:PORT for a running server');
  }
  return url.replace(/\/+$/, '');
}

/** Launches headless Chromium from the system package (CHROMIUM overrides the path). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const BLOCKING = new Set(['serious', 'critical']);
const AXE_TIMEOUT_MS = 30_000;

/**
 * Runs axe-core on the page and returns the serious and critical violations.
 * Needs a context with JavaScript enabled: with javaScriptEnabled: false the
 * audit never finishes, and this fails after AXE_TIMEOUT_MS instead of hanging.
 */
export async function axeViolations(page) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `axe-core did not finish within ${AXE_TIMEOUT_MS} ms on ${page.url()} ` +
      '(it cannot run in a browser context with javaScriptEnabled: false)')), AXE_TIMEOUT_MS);
  });
  const audit = (async () => {
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
      // evaluate() rather than addScriptTag(): the portal sends a Content-Security-Policy
      // (script-src 'self') that blocks inline script tags but not DevTools evaluation.
      await page.evaluate(AXE_SOURCE);
    }
    return page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      AXE_TAGS,
    );
  })();
  audit.catch(() => {});  // reported through the race below
  try {
    const results = await Promise.race([audit, timeout]);
    return results.violations.filter((v) => BLOCKING.has(v.impact));
  } finally {
    clearTimeout(timer);
  }
}

/** Formats violations so a developer can find and fix each one. */
export function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 10).map((n) => {
      const why = (n.failureSummary || '').split('\n').map((l) => l.trim()).filter(Boolean)
        .slice(1, 3).join(' / ');
      return `      - ${n.target.join(' ')}${why ? `\n        ${why}` : ''}`;
    });
    if (v.nodes.length > 10) nodes.push(`      … and ${v.nodes.length - 10} more`);
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}

/** Asserts the page has no serious or critical axe violations; prints them all if it has. */
export async function assertAxeClean(page, label) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    const report = `axe: ${violations.length} serious/critical violation(s) on ${label} (${page.url()}):\n` +
      formatViolations(violations);
    console.error(report);
    throw new Error(report);
  }
}

/** Saves a full-page screenshot to tests/browser/artifacts/NAME.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
