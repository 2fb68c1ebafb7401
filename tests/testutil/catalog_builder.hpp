#pragma once
// Small valid catalogs for tests: a province with two departments and a ward,
// three fields and a handful of procedures with every attribute filled.

#include "domain/catalog/catalog.hpp"

namespace motcua::testutil {

inline domain::Procedure MakeProcedure(std::string code, std::string name, std::string field,
                                       std::string agency, double days = 5,
                                       domain::OnlineLevel online = domain::OnlineLevel::kPartial,
                                       domain::GovLevel level = domain::GovLevel::kProvince) {
  domain::Procedure p;
  p.code = std::move(code);
  p.name = std::move(name);
  p.field_code = std::move(field);
  p.agency_codes = {std::move(agency)};
  p.levels = {level};
  p.online_level = online;
  p.processing_days = days;
  p.applicants = {"citizen"};
  p.description = "Mô tả thủ tục.";
  p.result_name = "Giấy chứng nhận";
  p.components = {{"Tờ khai", 1, 0, 0, true, "Mẫu tờ khai"}};
  p.fees = {{"Lệ phí", 0, "Miễn lệ phí"}};
  p.legal_bases = {{"60/2014/QH13", "Luật Hộ tịch", "Quốc hội", std::nullopt}};
  p.submission_channels = {domain::Channel::kDesk, domain::Channel::kOnline};
  p.return_channels = {domain::Channel::kDesk};
  p.steps = {{"Tiếp nhận hồ sơ", "desk_officer", "Bộ phận Một cửa", "", days / 2},
             {"Thẩm định", "specialist", "Phòng chuyên môn", "", days / 2}};
  return p;
}

inline domain::Catalog SmallCatalog() {
  using domain::AgencyKind;
  using domain::GovLevel;
  using domain::OnlineLevel;
  domain::Catalog c;
  c.agencies = {
      {"000.00.00.H29", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND TP.HCM", "",
       AgencyKind::kProvince, GovLevel::kProvince, "86 Lê Thánh Tôn", "028 3829 6052", ""},
      {"000.00.06.H29", "Sở Tư pháp Thành phố Hồ Chí Minh", "Sở Tư pháp", "000.00.00.H29",
       AgencyKind::kDepartment, GovLevel::kProvince, "141-143 Pasteur", "", ""},
      {"000.01.06.H29", "Trung tâm Lý lịch tư pháp", "", "000.00.06.H29", AgencyKind::kUnit,
       GovLevel::kProvince, "", "", ""},
      {"000.00.15.H29", "Sở Du lịch Thành phố Hồ Chí Minh", "Sở Du lịch", "000.00.00.H29",
       AgencyKind::kDepartment, GovLevel::kProvince, "", "", ""},
      {"000.20.31.H29", "Ủy ban nhân dân Phường Sài Gòn", "UBND Phường Sài Gòn", "000.00.00.H29",
       AgencyKind::kCommune, GovLevel::kCommune, "", "", ""},
  };
  c.fields = {{"HT", "Hộ tịch"}, {"LLTP", "Lý lịch tư pháp"}, {"LH", "Lữ hành"}};
  c.procedures = {
      MakeProcedure("1.001193", "Đăng ký khai sinh", "HT", "000.20.31.H29", 1, OnlineLevel::kFull,
                    GovLevel::kCommune),
      MakeProcedure("1.004884", "Đăng ký khai sinh lại", "HT", "000.20.31.H29", 5,
                    OnlineLevel::kPartial, GovLevel::kCommune),
      MakeProcedure("1.000894", "Đăng ký khai tử", "HT", "000.20.31.H29", 1, OnlineLevel::kFull,
                    GovLevel::kCommune),
      MakeProcedure("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "LLTP",
                    "000.01.06.H29", 10, OnlineLevel::kFull),
      MakeProcedure("1.004628", "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", "LH",
                    "000.00.15.H29", 10, OnlineLevel::kPartial),
      MakeProcedure("1.001022", "Cấp Giấy xác nhận tình trạng hôn nhân", "HT", "000.20.31.H29",
                    3, OnlineLevel::kNone, GovLevel::kCommune),
  };
  c.procedures[0].popularity = 95;
  c.procedures[0].description = "Đăng ký việc sinh cho trẻ em, cấp Giấy khai sinh.";
  c.procedures[3].popularity = 90;
  c.procedures[5].description = "Xác nhận tình trạng hôn nhân để đăng ký kết hôn.";
  return c;
}

}  // namespace motcua::testutil
