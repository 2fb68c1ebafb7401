// Browser tests of two officer pages, through the forms only:
// - the system administrator (quantri) adds a day off with its note on
//   /quan-tri/lich-lam-viec (reached from /lich-lam-viec), sees the form's
//   Vietnamese error for an impossible date, and removes the day again;
// - the desk officer of Phường Sài Gòn (motcua.saigon) receives a paper
//   dossier of "Đăng ký khai sinh" (1.001193) on /mot-cua/tiep-nhan-moi with
//   a scanned PDF per required component and gets its code and Mẫu 01.
// axe audits each page, including the error states.
//
// Run through scripts/browser-test.sh BINARY (seeded demo database).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAxeClean, baseUrl, launchBrowser, screenshot } from './lib.mjs';

const BASE = baseUrl();
const PASSWORD = 'matkhau123';
const LIMIT = { timeout: 180_000 };
// Far from the dossiers other tests create, and removed again at the end.
const YEAR = 2031;

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

function pdf(name) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) };
}

async function login(page, user, next) {
  await page.goto(`${BASE}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Số định danh, số điện thoại hoặc thư điện tử').fill(user);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

test('an administrator adds a day off to the calendar and removes it', LIMIT, async (t) => {
  const { page, problems } = await newPage(t);
  await login(page, 'quantri', '/lich-lam-viec');
  await page.goto(`${BASE}/lich-lam-viec?nam=${YEAR}`);
  await Promise.all([page.waitForURL(/\/quan-tri\/lich-lam-viec/),
    page.getByRole('link', { name: /Chỉnh sửa ngày nghỉ/ }).click()]);
  await page.getByRole('heading', { level: 1, name: `Quản trị lịch làm việc năm ${YEAR}` }).waitFor();
  await assertAxeClean(page, 'calendar administration');

  // An impossible date: the form again, with the message at the field.
  await page.getByLabel('Ngày', { exact: true }).fill(`30/02/${YEAR}`);
  await page.getByLabel('Ghi chú').fill('Nghỉ thử nghiệm');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu ngày' }).click()]);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Ngày phải có dạng ngày\/tháng\/năm/);
  await assertAxeClean(page, 'calendar administration with an error');
  await screenshot(page, 'calendar-admin-error');

  await page.getByLabel('Ngày', { exact: true }).fill(`02/05/${YEAR}`);
  await page.getByLabel(/^Ngày nghỉ/).check();
  await page.getByLabel('Ghi chú').fill('Nghỉ hoán đổi theo Thông báo thử nghiệm');
  await Promise.all([page.waitForURL(/ket-qua=da-luu/), page.getByRole('button', { name: 'Lưu ngày' }).click()]);
  await page.getByText(`Đã lưu ngày 02/05/${YEAR}.`).waitFor();
  await page.getByRole('cell', { name: 'Nghỉ hoán đổi theo Thông báo thử nghiệm' }).waitFor();
  await screenshot(page, 'calendar-admin');

  await Promise.all([page.waitForURL(/ket-qua=da-xoa/),
    page.getByRole('button', { name: `Xóa điều chỉnh ngày 02/05/${YEAR}` }).click()]);
  await page.getByText(`Năm ${YEAR} chưa có ngày nào được điều chỉnh`).waitFor();
  assert.deepEqual(problems, []);
});

test('a desk officer receives a paper dossier and gets its code and receipt', LIMIT, async (t) => {
  const { page, problems } = await newPage(t);
  await login(page, 'motcua.saigon', '/mot-cua');
  await Promise.all([page.waitForURL(/\/mot-cua\/tiep-nhan-moi$/),
    page.getByRole('link', { name: /Tiếp nhận hồ sơ giấy/ }).click()]);
  await assertAxeClean(page, 'desk intake, step 1');
  await page.getByLabel('Thủ tục hành chính').selectOption('1.001193');
  await Promise.all([page.waitForURL(/thu_tuc=1\.001193/), page.getByRole('button', { name: 'Tiếp tục' }).click()]);
  await page.getByText('Bước 2 trên 2').waitFor();
  await assertAxeClean(page, 'desk intake, step 2');

  // Nothing filled in: the problems, in Vietnamese, linked to their inputs.
  await page.getByLabel('Họ và tên người nộp').fill('');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click()]);
  await page.getByRole('alert').waitFor();
  await assertAxeClean(page, 'desk intake with errors');
  await screenshot(page, 'desk-intake-error');

  await page.getByLabel('Họ và tên người nộp').fill('Phạm Thị Giấy');
  await page.getByLabel('Số điện thoại').fill('0901234567');
  const required = page.locator('fieldset.component').filter({ hasText: '(bắt buộc)' });
  const count = await required.count();
  assert.ok(count >= 2, `required components: ${count}`);
  for (let i = 0; i < count; i += 1) {
    await required.nth(i).locator('input[type=file]').setInputFiles(pdf(`ban-quet-${i}.pdf`));
    await required.nth(i).locator('select').selectOption('certified_copy');
  }
  await screenshot(page, 'desk-intake');
  await Promise.all([page.waitForURL(/ket-qua=nhap-moi/), page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click()]);
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, /000\.20\.31\.H29-\d{6}-\d{4}/, 'dossier code shown');
  assert.match(facts, /Ngày hẹn trả kết quả\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/, 'due date shown');
  await assertAxeClean(page, 'dossier received at the desk');
  await Promise.all([page.waitForURL(/forms\/01\?format=html/), page.getByRole('link', { name: /Mẫu 01/ }).click()]);
  assert.match(await page.content(), /000\.20\.31\.H29-\d{6}-\d{4}/);
  assert.deepEqual(problems, []);
});
