// Browser tests of the public catalog: home, search without diacritics,
// procedure detail, mobile layout, agency list and the no-JavaScript path,
// each page audited with axe-core (no serious or critical violations).
//
// Run through scripts/browser-test.sh BINARY, which starts a seeded server and
// sets BASE_URL; or by hand against a running server:
//   BASE_URL=http://127.0.0.1:8080 node --test tests/browser/*.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAxeClean, baseUrl, launchBrowser, screenshot } from './lib.mjs';

const BASE = baseUrl();
const QUERY = 'dang ky khai sinh';
const PROCEDURE = 'Đăng ký khai sinh';

// Generous bounds for a busy 2-core CI machine; a hung page fails instead of stalling the run.
const LIMIT = { timeout: 90_000 };

let browser;

before(async () => {
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
});

/**
 * A fresh context and page; records failed requests and HTTP errors (for
 * example a missing stylesheet) so each test can assert there were none.
 */
async function openPage(t, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', ...contextOptions });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('requestfailed', (r) => problems.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

async function goto(page, path) {
  const response = await page.goto(BASE + path, { waitUntil: 'load' });
  assert.ok(response, `no response for ${path}`);
  assert.equal(response.status(), 200, `GET ${path}`);
  return response;
}

/** The search box: found by its accessible name, so an unlabelled box fails. */
function searchBox(page) {
  return page.getByRole('searchbox', { name: 'Tên thủ tục hoặc từ khóa' });
}

/** Names of the result links, in order. */
async function resultNames(page) {
  return page.locator('ol.results > li .result-name').allTextContents()
    .then((names) => names.map((n) => n.trim()));
}

async function noHorizontalOverflow(page, label) {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  assert.ok(scrollWidth <= viewport,
    `${label}: page is ${scrollWidth}px wide in a ${viewport}px viewport (horizontal scrolling)`);
}

test('home page is in Vietnamese, has a labelled search box and passes axe', LIMIT, async (t) => {
  const { page, problems } = await openPage(t);
  await goto(page, '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.match(await page.title(), /\S/, 'page has a title');
  await assert.doesNotReject(
    page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' }).waitFor(),
    'h1 "Tra cứu thủ tục hành chính"');
  const box = searchBox(page);
  assert.equal(await box.count(), 1, 'exactly one search box labelled "Tên thủ tục hoặc từ khóa"');
  assert.equal(await page.getByRole('search').count(), 1, 'one search landmark');
  assert.equal(await page.getByRole('button', { name: 'Tìm kiếm' }).count(), 1, '"Tìm kiếm" button');
  await screenshot(page, 'home');
  await assertAxeClean(page, 'home');
  // Keyboard users: the first Tab reaches a visible "skip to content" link.
  await page.keyboard.press('Tab');
  const skip = page.locator(':focus');
  assert.equal(await skip.getAttribute('href'), '#noi-dung', 'first Tab stop is the skip link');
  const skipBox = await skip.boundingBox();
  assert.ok(skipBox && skipBox.x >= 0 && skipBox.y >= 0, 'skip link is on screen when focused');
  assert.deepEqual(problems, []);
});

test('search without diacritics lists "Đăng ký khai sinh" first', LIMIT, async (t) => {
  const { page, problems } = await openPage(t);
  await goto(page, '/');
  await searchBox(page).fill(QUERY);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/thu-tuc' && url.searchParams.get('q') === QUERY),
    searchBox(page).press('Enter'),
  ]);
  await page.waitForLoadState('load');
  const names = await resultNames(page);
  assert.ok(names.length > 0, 'search returned results');
  assert.equal(names[0], PROCEDURE, `first result (results: ${names.slice(0, 5).join(' | ')})`);
  assert.equal(await searchBox(page).inputValue(), QUERY, 'the query stays in the search box');
  await screenshot(page, 'search');
  await assertAxeClean(page, 'search results');
  assert.deepEqual(problems, []);
});

test('procedure detail page shows the procedure and passes axe', LIMIT, async (t) => {
  const { page, problems } = await openPage(t);
  await goto(page, `/thu-tuc?q=${encodeURIComponent(QUERY)}`);
  const first = page.locator('ol.results > li .result-name').first();
  assert.equal((await first.textContent()).trim(), PROCEDURE);
  await Promise.all([page.waitForURL(/\/thu-tuc\/[^/?]+$/), first.click()]);
  await page.waitForLoadState('load');

  const h1 = page.getByRole('heading', { level: 1 });
  assert.equal(await h1.count(), 1, 'exactly one h1');
  assert.equal((await h1.textContent()).trim(), PROCEDURE);
  assert.match(await page.title(), new RegExp(`^${PROCEDURE}`), 'title starts with the procedure name');
  for (const section of ['Thành phần hồ sơ', 'Phí, lệ phí', 'Căn cứ pháp lý']) {
    assert.equal(await page.getByRole('heading', { level: 2, name: section, exact: true }).count(), 1,
      `section heading "${section}"`);
  }
  const time = page.locator('dt', { hasText: 'Thời hạn giải quyết' }).locator('xpath=following-sibling::dd[1]');
  assert.match(await time.textContent(), /ngày làm việc/, 'processing time in working days');
  await screenshot(page, 'detail');
  await assertAxeClean(page, 'procedure detail');
  assert.deepEqual(problems, []);
});

// Empty optional values must not leave labels behind ("Mẫu:" with no form, "()"
// after a step with no agency, "… đến" with no end date): kainjow/mustache
// treats "" as true in {{#section}}s, so handlers store empty values as false.
test('procedure detail page has no empty-value leftovers', LIMIT, async (t) => {
    const { page } = await openPage(t);
    await goto(page, '/thu-tuc/1.001193');
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /\(\s*\)/, 'no empty "()"');
    assert.doesNotMatch(text, /Mẫu:\s*$/m, 'no "Mẫu:" without a form');
    assert.doesNotMatch(text, /đến\s*$/m, 'no "đến" without an end date');
  });

test('mobile viewport: no horizontal scrolling, home passes axe', LIMIT, async (t) => {
  const { page, problems } = await openPage(t, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  await goto(page, '/');
  await noHorizontalOverflow(page, 'home');
  await screenshot(page, 'mobile-home');
  await assertAxeClean(page, 'home (mobile)');

  // The other catalog pages must not scroll sideways on a phone either.
  await goto(page, `/thu-tuc?q=${encodeURIComponent(QUERY)}`);
  await noHorizontalOverflow(page, 'search results');
  await screenshot(page, 'mobile-search');
  await page.locator('ol.results > li .result-name').first().click();
  await page.waitForLoadState('load');
  await noHorizontalOverflow(page, 'procedure detail');
  await screenshot(page, 'mobile-detail');
  assert.deepEqual(problems, []);
});

test('agency list /co-quan lists "Sở Tư pháp" and passes axe', LIMIT, async (t) => {
  const { page, problems } = await openPage(t);
  await goto(page, '/co-quan');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'exactly one h1');
  const link = page.getByRole('link', { name: /^Sở Tư pháp/ });
  assert.ok(await link.count() >= 1, 'a link to "Sở Tư pháp …"');
  await screenshot(page, 'agencies');
  await assertAxeClean(page, 'agency list');
  assert.deepEqual(problems, []);
});

test('search works without JavaScript', LIMIT, async (t) => {
  const { page, problems } = await openPage(t, { javaScriptEnabled: false });
  await goto(page, '/');
  await searchBox(page).fill(QUERY);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/thu-tuc' && url.searchParams.get('q') === QUERY),
    page.getByRole('button', { name: 'Tìm kiếm' }).click(),
  ]);
  await page.waitForLoadState('load');
  const names = await resultNames(page);
  assert.ok(names.length > 0, 'plain form submission returned results');
  assert.equal(names[0], PROCEDURE);
  await screenshot(page, 'nojs-search');
  assert.deepEqual(problems, []);
});
