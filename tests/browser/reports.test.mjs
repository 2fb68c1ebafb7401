// Browser tests of the dashboards: the public transparency page and the
// supervisors' report, audited with axe-core (no serious or critical
// violations); the numbers on the page equal those of the API; charts are
// SVG images with a name, next to a table of the same numbers; drill-down
// and exports are plain links (the pages have no scripts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAxeClean, baseUrl, launchBrowser, screenshot } from './lib.mjs';

const BASE = baseUrl();
const PASSWORD = 'matkhau123';
const LIMIT = { timeout: 90_000 };

let browser;

before(async () => {
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
});

async function open(t) {
  const context = await browser.newContext({ locale: 'vi-VN' });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  return { page, problems };
}

async function login(page, user) {
  await page.goto(`${BASE}/dang-nhap?next=${encodeURIComponent('/')}`);
  await page.getByLabel('Số định danh, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

/** "1.234" as the pages print counts. */
function count(n) {
  return n.toLocaleString('de-DE');
}

/** RFC 4180 rows (quoted fields may hold commas). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function year() {
  return String(new Date().getUTCFullYear());
}

test('the public transparency page shows the API numbers, accessible charts and passes axe', LIMIT, async (t) => {
  const { page, problems } = await open(t);
  const response = await page.goto(`${BASE}/minh-bach?ky=${year()}`);
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'Kết quả giải quyết thủ tục hành chính' }).waitFor();
  const api = await (await fetch(`${BASE}/api/v1/reports/indicators?period=${year()}`)).json();
  const card = (name) => page.locator('.stat-cards > div', { hasText: name }).locator('dd');
  assert.equal((await card('Hồ sơ tiếp nhận').textContent()).trim(), count(api.summary.received.total));
  assert.equal((await card('Giải quyết đúng hạn').textContent()).trim(), api.summary.rates.on_time.text);
  assert.equal((await card('Nộp trực tuyến').textContent()).trim(), api.summary.rates.online.text);
  // Each chart is an image with a name and a description, beside a table.
  const charts = page.getByRole('img', { name: /12 tháng|766/ });
  assert.equal(await charts.count(), 2, 'trend and QĐ 766 charts');
  assert.ok(await page.locator('svg.chart desc').first().textContent(), 'charts describe their numbers');
  assert.ok(await page.getByRole('table', { name: 'Số liệu của biểu đồ diễn biến 12 tháng' }).isVisible());
  // An agency below opens its own page.
  const firstAgency = page.locator('section[aria-labelledby="don-vi-tieu-de"] tbody a').first();
  const name = (await firstAgency.textContent()).trim();
  await screenshot(page, 'transparency');
  await assertAxeClean(page, 'transparency');
  await Promise.all([page.waitForURL(/co-quan=/), firstAgency.click()]);
  assert.match(await page.locator('.lead').textContent(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await assertAxeClean(page, 'transparency agency');
  assert.deepEqual(problems, []);
});

test('the supervisors report drills down to dossiers, exports CSV and passes axe', LIMIT, async (t) => {
  const { page, problems } = await open(t);
  await login(page, 'giamsat');
  await page.goto(`${BASE}/giam-sat/bao-cao?ky=${year()}`);
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết hồ sơ' }).waitFor();
  const received = page.getByRole('row', { name: /^Tiếp nhận/ }).getByRole('cell');
  const shown = (await received.textContent()).trim();
  await screenshot(page, 'report-dashboard');
  await assertAxeClean(page, 'report dashboard');
  // The CSV export has the same "Tiếp nhận" figure in its first data row.
  const csvHref = await page.getByRole('link', { name: 'Báo cáo (CSV)' }).getAttribute('href');
  const csv = await page.request.get(BASE + csvHref);
  assert.equal(csv.status(), 200);
  const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
  assert.equal(rows[1][rows[0].indexOf('Tiếp nhận')], shown);
  // Drill-down: the dossiers behind "Tiếp nhận".
  const link = received.getByRole('link');
  if (await link.count()) {
    await Promise.all([page.waitForURL(/\/giam-sat\/bao-cao\/ho-so/), link.click()]);
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận' }).waitFor();
    await assertAxeClean(page, 'report drill-down');
  }
  assert.deepEqual(problems, []);
});
