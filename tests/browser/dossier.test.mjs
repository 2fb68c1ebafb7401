// Browser test of the dossier journey through the pages, without the API:
// a citizen registers, logs in and submits "Cấp Phiếu lý lịch tư pháp"
// (2.000488) online with a PDF per required component; the desk officer of
// Sở Tư pháp (motcua.tuphap, the procedure's first agency 000.00.06.H29)
// asks for a supplement from /mot-cua; the citizen uploads it and resubmits;
// the officer accepts; the citizen sees the code and due date and opens the
// printable receipt (Mẫu 01). axe audits the form, dossier and desk pages.
//
// Run through scripts/browser-test.sh BINARY (seeded demo database).
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, test } from 'node:test';
import { assertAxeClean, baseUrl, launchBrowser, screenshot } from './lib.mjs';

const BASE = baseUrl();
const PROCEDURE = '2.000488';
const OFFICER = 'motcua.tuphap';
const PASSWORD = 'matkhau123';
const LIMIT = { timeout: 180_000 };

let browser;

before(async () => {
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
});

async function newPage(t) {
  const context = await browser.newContext({ locale: 'vi-VN' });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`);
  });
  return { page, problems };
}

function digits(n) {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String(randomInt(10));
  return s;
}

// A small PDF, enough for the server's file type detection.
function pdf(name) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) };
}

async function login(page, user, next) {
  await page.goto(`${BASE}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Số định danh, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

test('a citizen submits online, completes a supplement and gets the receipt', LIMIT, async (t) => {
  const idNumber = `079203${digits(6)}`;
  const phone = `09${digits(8)}`;
  const citizen = await newPage(t);
  const officer = await newPage(t);
  const cp = citizen.page;
  const op = officer.page;

  // Register and log in.
  await cp.goto(`${BASE}/dang-ky`);
  await cp.getByLabel('Họ và tên').fill('Lê Thị Kiểm Thử');
  await cp.getByLabel('Số định danh cá nhân').fill(idNumber);
  await cp.getByLabel('Số điện thoại di động').fill(phone);
  await cp.getByLabel('Thư điện tử').fill(`kiemthu${idNumber}@example.vn`);
  await cp.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await cp.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
  await Promise.all([cp.waitForURL(/\/dang-nhap/), cp.getByRole('button', { name: /Đăng ký/ }).click()]);
  await login(cp, idNumber, '/ho-so');
  await cp.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();

  // The submission form: prefilled, one picker per component.
  await cp.goto(`${BASE}/ho-so/moi?thu_tuc=${PROCEDURE}`);
  await cp.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
  assert.equal(await cp.getByLabel('Họ và tên người nộp').inputValue(), 'Lê Thị Kiểm Thử');
  assert.equal(await cp.getByLabel('Số định danh cá nhân').inputValue(), idNumber);
  assert.ok((await cp.getByText('Dung lượng tối đa 10 MB').count()) > 0, 'maximum size shown');
  await assertAxeClean(cp, 'dossier form');
  await screenshot(cp, 'dossier-new');

  // Submitting without files shows the problems and keeps the form.
  await Promise.all([cp.waitForLoadState('load'), cp.getByRole('button', { name: 'Nộp hồ sơ' }).click()]);
  await cp.getByRole('alert').waitFor();
  assert.match(await cp.getByRole('alert').innerText(), /Chưa đính kèm/);

  const required = cp.locator('fieldset#components .form-group').filter({ hasText: '(bắt buộc)' });
  const count = await required.count();
  assert.ok(count >= 2, `required components: ${count}`);
  for (let i = 0; i < count; i += 1) {
    await required.nth(i).locator('input[type=file]').setInputFiles(pdf(`thanh-phan-${i}.pdf`));
  }
  await Promise.all([cp.waitForURL(/\/ho-so\/\d+\?da-nop=1/), cp.getByRole('button', { name: 'Nộp hồ sơ' }).click()]);
  const dossierPath = new URL(cp.url()).pathname;
  const id = dossierPath.split('/').pop();
  await cp.getByText('Chờ tiếp nhận').first().waitFor();
  await assertAxeClean(cp, 'dossier page');

  // The desk officer of Sở Tư pháp finds it in the queue and asks for a supplement.
  await login(op, OFFICER, '/mot-cua');
  await op.getByRole('heading', { level: 1, name: 'Bộ phận Một cửa' }).waitFor();
  await assertAxeClean(op, 'desk queue');
  await Promise.all([op.waitForURL(new RegExp(`/mot-cua/ho-so/${id}$`)),
    op.locator(`a[href="/mot-cua/ho-so/${id}"]`).click()]);
  await assertAxeClean(op, 'desk dossier page');
  await screenshot(op, 'desk-dossier');
  await op.getByLabel('Nội dung cần bổ sung, hoàn thiện').fill('Tờ khai chưa ký tên');
  await Promise.all([op.waitForURL(/ket-qua=bo-sung/), op.getByRole('button', { name: 'Yêu cầu bổ sung' }).click()]);

  // The citizen sees the request, uploads the signed form and resubmits.
  await cp.goto(BASE + dossierPath);
  await cp.getByText('Tờ khai chưa ký tên').waitFor();
  await assertAxeClean(cp, 'dossier page with a supplement request');
  await screenshot(cp, 'dossier-supplement');
  await cp.locator('form#upload input[type=file]').first().setInputFiles(pdf('to-khai-da-ky.pdf'));
  await Promise.all([cp.waitForURL(/da-bo-sung=1/), cp.getByRole('button', { name: 'Nộp bổ sung' }).click()]);
  await cp.getByText('Chờ tiếp nhận').first().waitFor();

  // The officer accepts (after reloading: the version changed).
  await op.goto(`${BASE}/mot-cua/ho-so/${id}`);
  await Promise.all([op.waitForURL(/ket-qua=tiep-nhan/), op.getByRole('button', { name: 'Tiếp nhận' }).click()]);
  await op.getByText('Đã tiếp nhận hồ sơ').first().waitFor();

  // The citizen sees the code, the due date and prints the receipt.
  await cp.goto(BASE + dossierPath);
  const facts = await cp.locator('dl.facts').innerText();
  assert.match(facts, /000\.00\.06\.H29-\d{6}-\d{4}/, 'dossier code shown');
  assert.match(facts, /Ngày hẹn trả kết quả\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/, 'due date shown');
  await assertAxeClean(cp, 'accepted dossier page');
  await screenshot(cp, 'dossier-accepted');
  await Promise.all([cp.waitForURL(/forms\/01\?format=html/), cp.getByRole('link', { name: /Mẫu 01/ }).click()]);
  assert.match(await cp.content(), /000\.00\.06\.H29-\d{6}-\d{4}/);
  await screenshot(cp, 'receipt-01');

  assert.deepEqual(citizen.problems, []);
  assert.deepEqual(officer.problems, []);
});
