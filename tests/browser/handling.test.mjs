// Browser test of the whole one-stop path through the pages (issue 5):
// a citizen submits "Cấp Phiếu lý lịch tư pháp" (2.000488) online; the desk
// of Sở Tư pháp accepts and forwards it; the specialist asks for a supplement
// during appraisal (the deadline restarts when the citizen resubmits),
// attaches the result and forwards; the unit head forwards; the leader sends
// an apology with a new date (Mẫu 04) and approves; the desk returns the
// result online; the citizen sees every step and downloads the result.
// axe audits the worklist, the officer view, Mẫu 05 and the citizen's page.
//
// Run through scripts/browser-test.sh BINARY (seeded demo database).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAxeClean, baseUrl, launchBrowser, screenshot } from './lib.mjs';

const BASE = baseUrl();
const PROCEDURE = '2.000488';
const PASSWORD = 'matkhau123';
const LIMIT = { timeout: 240_000 };

let browser;

before(async () => {
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
});

async function session(t, login) {
  const context = await browser.newContext({ locale: 'vi-VN' });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${BASE}/dang-nhap?next=${encodeURIComponent('/')}`);
  await page.getByLabel('Số định danh, số điện thoại hoặc thư điện tử').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  return { page, problems };
}

function pdf(name) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) };
}

// Submits one of the action forms of the officer view and waits for the page after it.
async function act(page, id, button, fill = async () => {}) {
  await page.goto(`${BASE}/can-bo/ho-so/${id}`);
  await fill(page);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  assert.ok(response.status() < 400, `${button}: HTTP ${response.status()} ${await page.locator('[role=alert]').allInnerTexts()}`);
}

// A working day comfortably after the current due date, as YYYY-MM-DD.
function laterWorkingDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('a dossier goes from online submission to the downloaded result, with a supplement restart and an apology', LIMIT, async (t) => {
  const citizen = await session(t, '079203001234');
  const desk = await session(t, 'motcua.tuphap');
  const specialist = await session(t, 'chuyenvien.tuphap');
  const leader = await session(t, 'lanhdao.tuphap');
  const cp = citizen.page;

  // Online submission with every required component.
  await cp.goto(`${BASE}/ho-so/moi?thu_tuc=${PROCEDURE}`);
  const required = cp.locator('fieldset#components .form-group').filter({ hasText: '(bắt buộc)' });
  for (let i = 0; i < await required.count(); i += 1) {
    await required.nth(i).locator('input[type=file]').setInputFiles(pdf(`thanh-phan-${i}.pdf`));
  }
  await Promise.all([cp.waitForURL(/\/ho-so\/\d+\?da-nop=1/), cp.getByRole('button', { name: 'Nộp hồ sơ' }).click()]);
  const dossierPath = new URL(cp.url()).pathname;
  const id = dossierPath.split('/').pop();

  // The desk accepts it, then forwards it from the officer view.
  const dp = desk.page;
  await dp.goto(`${BASE}/mot-cua/ho-so/${id}`);
  await Promise.all([dp.waitForURL(/ket-qua=tiep-nhan/), dp.getByRole('button', { name: 'Tiếp nhận' }).click()]);
  await dp.goto(`${BASE}/can-bo/ho-so`);
  await assertAxeClean(dp, 'officer worklist');
  await screenshot(dp, 'worklist');
  await act(dp, id, 'Chuyển bước tiếp theo');

  // The specialist asks for a supplement during appraisal.
  const sp = specialist.page;
  await act(sp, id, 'Yêu cầu bổ sung', (p) => p.getByLabel('Nội dung cần bổ sung, hoàn thiện').fill('Bản sao Căn cước công dân'));

  // The citizen uploads it and resubmits: the deadline restarts.
  await cp.goto(BASE + dossierPath);
  await cp.getByText('Bản sao Căn cước công dân').first().waitFor();
  await cp.locator('form#upload input[type=file]').first().setInputFiles(pdf('can-cuoc.pdf'));
  await Promise.all([cp.waitForURL(/da-bo-sung=1/), cp.getByRole('button', { name: 'Nộp bổ sung' }).click()]);

  // The specialist attaches the result and forwards; the unit head forwards.
  await act(sp, id, 'Đính kèm kết quả', (p) => p.getByLabel('Văn bản kết quả (PDF)').setInputFiles(pdf('phieu-lltp.pdf')));
  await act(sp, id, 'Chuyển bước tiếp theo');
  const lp = leader.page;
  await act(lp, id, 'Chuyển bước tiếp theo');

  // The leader apologizes with a new date, once, then approves.
  await act(lp, id, 'Lập phiếu xin lỗi', async (p) => {
    await p.getByLabel('Lý do chậm trả kết quả').fill('Cần xác minh thêm thông tin tại địa phương');
    await p.getByLabel('Ngày hẹn trả kết quả mới').fill(laterWorkingDay(40));
  });
  await lp.goto(`${BASE}/can-bo/ho-so/${id}`);
  assert.equal(await lp.getByRole('button', { name: 'Lập phiếu xin lỗi', exact: true }).count(), 0, 'one apology only');
  await assertAxeClean(lp, 'officer dossier view');
  await screenshot(lp, 'officer-view');
  await lp.goto(`${BASE}/can-bo/ho-so/${id}/mau-04`);
  assert.match(await lp.content(), /Cần xác minh thêm thông tin tại địa phương/);
  await act(lp, id, 'Phê duyệt');

  // The desk returns the result online; Mẫu 05 lists the hand-overs.
  await act(dp, id, 'Trả kết quả', (p) => p.locator('input[name=method][value=online]').check());
  await dp.goto(`${BASE}/can-bo/ho-so/${id}/mau-05`);
  const slip = await dp.content();
  assert.match(slip, /Phiếu kiểm soát quá trình giải quyết hồ sơ/i);
  await assertAxeClean(dp, 'control slip');
  await screenshot(dp, 'form-05');

  // The citizen sees the whole timeline and downloads the result.
  await cp.goto(BASE + dossierPath);
  const text = await cp.locator('main').innerText();
  assert.match(text, /Đã trả kết quả/);
  assert.match(text, /\d{2}\/\d{2}\/\d{4}/);
  assert.doesNotMatch(text, /chuyenvien\.tuphap|lanhdao\.tuphap/, 'no officer usernames for the citizen');
  await assertAxeClean(cp, 'citizen dossier page with the result');
  await screenshot(cp, 'citizen-result');
  const link = cp.locator('a[href*="/results/"]').first();
  const href = await link.getAttribute('href');
  const download = await cp.request.get(BASE + href);
  assert.equal(download.status(), 200);
  assert.match((await download.body()).toString('latin1'), /^%PDF/);

  for (const s of [citizen, desk, specialist, leader]) assert.deepEqual(s.problems, []);
});
