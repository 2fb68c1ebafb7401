#include "web/multipart.hpp"

#include <gtest/gtest.h>

namespace motcua::web {
namespace {

TEST(Multipart, ParsesFieldsAndFiles) {
  Request req;
  req.headers["content-type"] = "multipart/form-data; boundary=XyZ";
  req.body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"dossier\"\r\nContent-Type: application/json\r\n\r\n"
      "{\"procedure_code\":\"1.001193\"}\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"component_0\"; filename=\"to khai.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\nbinary\r\n"
      "--XyZ--\r\n";
  auto parts = ParseMultipart(req);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "dossier");
  EXPECT_EQ((*parts)[0].body, "{\"procedure_code\":\"1.001193\"}");
  EXPECT_EQ((*parts)[1].name, "component_0");
  EXPECT_EQ((*parts)[1].file_name, "to khai.pdf");
  EXPECT_EQ((*parts)[1].body, "%PDF-1.4\r\nbinary");
}

TEST(Multipart, RejectsMalformedBodies) {
  Request req;
  req.headers["content-type"] = "multipart/form-data";  // no boundary
  req.body = "x";
  EXPECT_FALSE(ParseMultipart(req));
  req.headers["content-type"] = "multipart/form-data; boundary=B";
  req.body = "--B\r\nContent-Disposition: attachment\r\n\r\nx\r\n--B--\r\n";
  EXPECT_FALSE(ParseMultipart(req));
  req.body = "garbage";
  EXPECT_FALSE(ParseMultipart(req));
}

}  // namespace
}  // namespace motcua::web
