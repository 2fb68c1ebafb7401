#include <iostream>

#include <fmt/format.h>

#include "app/accounts/account_service.hpp"
#include "main/command_support.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"

namespace motcua::cli {

// motcua user add --username U --role R --agency CODE [--name N] --password-stdin
// motcua user list [--all]
void RegisterUserCommands(CLI::App& app, CommandContext& ctx) {
  auto* user = app.add_subcommand("user", "Manage officer accounts");
  user->require_subcommand(1);

  struct AddOptions {
    std::string username, role, agency, name;
    bool password_stdin = false;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add = user->add_subcommand("add", "Create an officer account");
  add->add_option("--username", add_opts->username, "Login name")->required();
  add->add_option("--role", add_opts->role,
                  "desk_officer, specialist, leader, agency_admin, supervisor or system_admin")
      ->required();
  add->add_option("--agency", add_opts->agency, "Agency code: the root of the officer's scope")->required();
  add->add_option("--name", add_opts->name, "Full name (Vietnamese)");
  add->add_flag("--password-stdin", add_opts->password_stdin, "Read the password from standard input")->required();
  add->callback([&ctx, add_opts] {
    ctx.handled = true;
    auto role = domain::ParseRole(add_opts->role);
    if (!role || !domain::IsOfficer(*role)) {
      ctx.exit_code = Report({ErrorCode::kInvalidArgument, "Vai trò không hợp lệ.", add_opts->role, {}});
      return;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto db = OpenMigrated(ctx.db_url, 1);
    if (!db) {
      ctx.exit_code = Report(db.error());
      return;
    }
    store::AccountStore store(**db);
    security::SodiumPasswordHasher hasher;
    security::SodiumTokenService tokens;
    app::SystemClock clock;
    app::AccountService accounts(store, hasher, tokens, clock);
    auto created = accounts.AddOfficer({add_opts->username, add_opts->name, *role, add_opts->agency, password}, "cli");
    if (!created) {
      ctx.exit_code = Report(created.error());
      return;
    }
    std::cout << fmt::format("Đã tạo tài khoản {} ({}) thuộc {}.\n", created->username, domain::RoleLabel(created->role),
                             created->agency_code);
  });

  auto all = std::make_shared<bool>(false);
  auto* list = user->add_subcommand("list", "List officer accounts (--all: every account)");
  list->add_flag("--all", *all, "Include citizens and businesses");
  list->callback([&ctx, all] {
    ctx.handled = true;
    auto db = OpenMigrated(ctx.db_url, 1);
    if (!db) {
      ctx.exit_code = Report(db.error());
      return;
    }
    store::AccountStore store(**db);
    auto users = store.ListUsers(!*all);
    if (!users) {
      ctx.exit_code = Report(users.error());
      return;
    }
    for (const auto& u : *users) {
      std::string login = !u.username.empty() ? u.username : !u.id_number.empty() ? u.id_number : u.tax_code;
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", u.id, login, domain::RoleKey(u.role),
                               u.agency_code.empty() ? "-" : u.agency_code, u.full_name);
    }
  });
}

}  // namespace motcua::cli
