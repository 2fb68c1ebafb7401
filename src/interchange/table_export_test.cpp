#include "interchange/table_export.hpp"

#include <gtest/gtest.h>

namespace motcua::interchange {
namespace {

TEST(TableExport, CsvQuotesEscapesAndDefusesFormulas) {
  Table t{"Sổ theo dõi", {"Mã", "Người nộp", "Ghi chú"},
          {{"000.00.06.H29-261125-0001", "Nguyễn Văn An", "có \"ngoặc\", dấu phẩy"}, {"x", "=1+1", "a\nb"}}};
  std::string csv = ToCsv(t);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("Mã,Người nộp,Ghi chú\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"có \"\"ngoặc\"\", dấu phẩy\""), std::string::npos);
  EXPECT_NE(csv.find("'=1+1"), std::string::npos);
  EXPECT_NE(csv.find("\"a\nb\""), std::string::npos);
}

TEST(TableExport, XlsxIsAZipWorkbookWithTheText) {
  Table t{"Sổ theo dõi hồ sơ", {"Mã", "Người nộp"}, {{"000.00.06.H29-261125-0001", "Trần Thị Bình"}}};
  auto bytes = ToXlsx(t);
  ASSERT_TRUE(bytes) << bytes.error().internal_message;
  EXPECT_EQ(bytes->compare(0, 2, "PK"), 0);
  EXPECT_GT(bytes->size(), 1000u);
  // Strings are stored in sharedStrings.xml inside the (deflated) zip, so the
  // plain text is not searchable; the size and the zip magic are checked,
  // and the file lists its parts by name in the central directory.
  EXPECT_NE(bytes->find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(bytes->find("xl/sharedStrings.xml"), std::string::npos);
}

}  // namespace
}  // namespace motcua::interchange
