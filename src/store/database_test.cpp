#include "store/database.hpp"

#include <gtest/gtest.h>

namespace motcua::store {
namespace {

TEST(PostgresConnectString, TurnsUrisIntoLibpqKeywords) {
  EXPECT_EQ(*PostgresConnectString("postgresql://postgres@127.0.0.1:5432/motcua"),
            "host='127.0.0.1' port='5432' user='postgres' dbname='motcua'");
  EXPECT_EQ(*PostgresConnectString("postgresql://u:p%40ss@db/x?options=-csearch_path%3Dt1&sslmode=disable"),
            "host='db' user='u' password='p@ss' dbname='x' options='-csearch_path=t1' sslmode='disable'");
  EXPECT_EQ(*PostgresConnectString("postgres://h/d"), "host='h' dbname='d'");
  EXPECT_EQ(*PostgresConnectString("postgresql://u:it's@h/d"), "host='h' user='u' password='it\\'s' dbname='d'");
  EXPECT_FALSE(PostgresConnectString("postgresql://h:port/d"));
  EXPECT_FALSE(PostgresConnectString("postgresql://h/d?novalue"));
}

TEST(DatabaseOpen, RejectsUnknownSchemesWithAClearError) {
  auto db = Database::Open("mysql://localhost/x");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(db.error().user_message.find("sqlite://"), std::string::npos);
}

TEST(DatabaseOpen, ReportsAnUnreachableServerAsUnavailable) {
  auto db = Database::Open("postgresql://nobody@127.0.0.1:1/none");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace motcua::store
