#include "app/catalog/synthetic_catalog.hpp"

#include <random>

#include <fmt/format.h>

namespace motcua::app {

using namespace motcua::domain;

domain::Catalog SyntheticCatalog(std::size_t procedures, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](const auto& list) -> const auto& { return list[rng() % list.size()]; };
  Catalog c;
  c.agencies.push_back({"000.00.00.X01", "Ủy ban nhân dân Tỉnh Thử nghiệm", "UBND Tỉnh Thử nghiệm", "",
                        AgencyKind::kProvince, GovLevel::kProvince, "Số 1 Đường Trung tâm", "", ""});
  const std::vector<std::string> departments = {
      "Tư pháp", "Du lịch", "Xây dựng", "Y tế", "Giáo dục và Đào tạo", "Công Thương", "Tài chính",
      "Nông nghiệp và Môi trường", "Nội vụ", "Khoa học và Công nghệ", "Văn hóa và Thể thao", "Dân tộc và Tôn giáo"};
  for (std::size_t i = 0; i < departments.size(); ++i) {
    c.agencies.push_back({fmt::format("000.00.{:02d}.X01", i + 1), "Sở " + departments[i] + " Tỉnh Thử nghiệm",
                          "Sở " + departments[i], "000.00.00.X01", AgencyKind::kDepartment,
                          GovLevel::kProvince, "", "", ""});
  }
  const std::vector<std::string> communes = {"An Bình", "Tân Phú", "Hòa Thạnh", "Phước Long", "Long Điền",
                                             "Bình Minh", "Thạnh Lộc", "Đông Hưng", "Tây Sơn", "Hưng Đạo"};
  for (std::size_t i = 0; i < communes.size(); ++i) {
    c.agencies.push_back({fmt::format("000.{:02d}.{:02d}.X01", 20 + i / 50, 31 + i % 50),
                          "Ủy ban nhân dân Xã " + communes[i], "UBND Xã " + communes[i], "000.00.00.X01",
                          AgencyKind::kCommune, GovLevel::kCommune, "", "", ""});
  }
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"XHT", "Hộ tịch"}, {"XCT", "Chứng thực"}, {"XLH", "Lữ hành"}, {"XXD", "Hoạt động xây dựng"},
      {"XYT", "Khám bệnh, chữa bệnh"}, {"XGD", "Giáo dục và Đào tạo"}, {"XTM", "Thương mại quốc tế"},
      {"XDD", "Đất đai"}, {"XMT", "Môi trường"}, {"XLD", "Lao động, tiền lương"},
      {"XVH", "Văn hóa cơ sở"}, {"XKH", "Hoạt động khoa học và công nghệ"}};
  for (const auto& [code, name] : fields) c.fields.push_back({code, name});

  const std::vector<std::string> actions = {"Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn",
                                            "Thu hồi", "Đăng ký", "Công nhận", "Xác nhận", "Thẩm định",
                                            "Phê duyệt", "Chấp thuận", "Thông báo", "Cấp bản sao"};
  const std::vector<std::string> objects = {
      "giấy phép kinh doanh", "giấy chứng nhận đủ điều kiện", "chứng chỉ hành nghề", "giấy phép hoạt động",
      "giấy xác nhận", "thẻ hướng dẫn viên", "giấy phép xây dựng", "giấy phép lao động",
      "giấy chứng nhận đăng ký", "quyết định công nhận", "văn bản chấp thuận", "hồ sơ thiết kế",
      "báo cáo đánh giá tác động", "giấy phép môi trường", "danh hiệu", "bằng tốt nghiệp"};
  const std::vector<std::string> qualifiers = {
      "dịch vụ lữ hành nội địa", "cơ sở khám bệnh", "trung tâm ngoại ngữ", "doanh nghiệp nhỏ và vừa",
      "cơ sở lưu trú du lịch", "nhà ở riêng lẻ", "công trình cấp III", "người nước ngoài",
      "hợp tác xã", "hộ kinh doanh", "cơ sở giáo dục mầm non", "thư viện cộng đồng", "cơ sở sản xuất",
      "tổ chức khoa học", "câu lạc bộ thể thao", "đại lý bảo hiểm", "cửa hàng xăng dầu", "chợ hạng 2"};
  const std::vector<std::string> places = {"", "", "", " trên địa bàn tỉnh", " cấp tỉnh", " cấp xã",
                                           " có yếu tố nước ngoài", " trong khu công nghiệp"};
  const std::vector<double> days_options = {0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30};

  for (std::size_t i = 0; i < procedures; ++i) {
    Procedure p;
    p.code = fmt::format("9.{:06d}", i + 1);
    p.name = pick(actions) + " " + pick(objects) + " " + pick(qualifiers) + pick(places);
    p.field_code = fields[rng() % fields.size()].first;
    bool commune = rng() % 4 == 0;
    const Agency& agency = commune ? c.agencies[1 + departments.size() + rng() % communes.size()]
                                   : c.agencies[1 + rng() % departments.size()];
    p.agency_codes = {agency.code};
    p.levels = {commune ? GovLevel::kCommune : GovLevel::kProvince};
    p.online_level = static_cast<OnlineLevel>(rng() % 3);
    p.processing_days = pick(days_options);
    p.applicants = {rng() % 2 ? "citizen" : "organization"};
    p.description = "Thủ tục " + p.name + " do " + agency.name + " giải quyết.";
    p.conditions = "Tổ chức, cá nhân đáp ứng đủ điều kiện theo quy định của pháp luật chuyên ngành.";
    p.result_name = "Văn bản " + pick(objects);
    p.result_electronic = rng() % 2 == 0;
    p.components = {{"Đơn đề nghị theo mẫu", 1, 0, 0, true, "Mẫu số 01"},
                    {"Giấy tờ chứng minh đủ điều kiện", 0, 1, 0, true, ""},
                    {"Tài liệu khác có liên quan", 0, 0, 1, false, ""}};
    p.fees = {{"Lệ phí", static_cast<std::int64_t>((rng() % 20) * 50000), ""}};
    p.legal_bases = {{fmt::format("{}/2020/NĐ-CP", 10 + rng() % 190), "Nghị định quy định chi tiết", "Chính phủ",
                      std::nullopt}};
    p.submission_channels = {Channel::kDesk, Channel::kPostal, Channel::kOnline};
    p.return_channels = {Channel::kDesk, Channel::kPostal};
    double reception = p.processing_days >= 1 ? 0.5 : 0.25;
    p.steps = {{"Tiếp nhận hồ sơ", "desk_officer", "Bộ phận Một cửa", "", reception},
               {"Thẩm định hồ sơ", "specialist", "Phòng chuyên môn", "", p.processing_days - 2 * reception},
               {"Phê duyệt", "leader", "Lãnh đạo", "", reception}};
    p.popularity = static_cast<int>(rng() % 60);
    c.procedures.push_back(std::move(p));
  }
  return c;
}

}  // namespace motcua::app
