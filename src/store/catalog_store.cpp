#include "store/catalog_store.hpp"

#include <map>

#include <soci/soci.h>

namespace motcua::store {
namespace {

using namespace motcua::domain;

// Small lists (levels, applicants, channels) are stored as comma-separated keys.
template <typename T, typename KeyFn>
std::string JoinKeys(const std::vector<T>& items, KeyFn key) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += key(item);
  }
  return out;
}

std::vector<std::string> SplitKeys(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string DateText(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : std::string(); }

soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

}  // namespace

Result<long> CatalogStore::CatalogRevision() {
  return Guard("catalog revision", [&]() -> Result<long> {
    Database::Lease sql(db_);
    long long revision = 0;
    *sql << "SELECT revision FROM catalog_meta WHERE id = 1", soci::into(revision);
    return static_cast<long>(revision);
  });
}

Result<KnownCodes> CatalogStore::LoadKnownCodes() {
  return Guard("known codes", [&]() -> Result<KnownCodes> {
    Database::Lease sql(db_);
    KnownCodes known;
    std::string code;
    soci::statement agencies = (sql->prepare << "SELECT code FROM agencies", soci::into(code));
    agencies.execute();
    while (agencies.fetch()) known.agencies.insert(code);
    soci::statement fields = (sql->prepare << "SELECT code FROM fields", soci::into(code));
    fields.execute();
    while (fields.fetch()) known.fields.insert(code);
    return known;
  });
}

Result<Catalog> CatalogStore::LoadCatalog() {
  return Guard("load catalog", [&]() -> Result<Catalog> {
    Database::Lease sql(db_);
    Catalog catalog;
    {
      Agency a;
      std::string parent, kind, level;
      soci::indicator parent_ind;
      soci::statement st =
          (sql->prepare << "SELECT code, name, short_name, parent_code, kind, level, address, "
                           "phone, email FROM agencies ORDER BY position, code",
           soci::into(a.code), soci::into(a.name), soci::into(a.short_name),
           soci::into(parent, parent_ind), soci::into(kind), soci::into(level),
           soci::into(a.address), soci::into(a.phone), soci::into(a.email));
      st.execute();
      while (st.fetch()) {
        Agency copy = a;
        copy.parent_code = parent_ind == soci::i_ok ? parent : std::string();
        copy.kind = ParseAgencyKind(kind).value_or(AgencyKind::kUnit);
        copy.level = ParseGovLevel(level).value_or(GovLevel::kProvince);
        catalog.agencies.push_back(std::move(copy));
      }
    }
    {
      Field f;
      soci::statement st = (sql->prepare << "SELECT code, name FROM fields ORDER BY position, code",
                            soci::into(f.code), soci::into(f.name));
      st.execute();
      while (st.fetch()) catalog.fields.push_back(f);
    }
    std::map<std::string, std::size_t> by_code;
    {
      Procedure p;
      std::string levels, online, applicants, submission, ret, from, to;
      soci::indicator from_ind, to_ind;
      int electronic = 0;
      int popularity = 0;
      soci::statement st =
          (sql->prepare << "SELECT code, name, field_code, levels, online_level, processing_days, "
                           "processing_note, applicants, description, conditions, result_name, "
                           "result_electronic, submission_channels, return_channels, "
                           "effective_from, effective_to, popularity "
                           "FROM procedures ORDER BY position, code",
           soci::into(p.code), soci::into(p.name), soci::into(p.field_code), soci::into(levels),
           soci::into(online), soci::into(p.processing_days), soci::into(p.processing_note),
           soci::into(applicants), soci::into(p.description), soci::into(p.conditions),
           soci::into(p.result_name), soci::into(electronic), soci::into(submission),
           soci::into(ret), soci::into(from, from_ind), soci::into(to, to_ind),
           soci::into(popularity));
      st.execute();
      while (st.fetch()) {
        Procedure copy = p;
        copy.levels.clear();
        for (const auto& k : SplitKeys(levels)) {
          if (auto l = ParseGovLevel(k)) copy.levels.push_back(*l);
        }
        copy.online_level = ParseOnlineLevel(online).value_or(OnlineLevel::kNone);
        copy.applicants = SplitKeys(applicants);
        copy.result_electronic = electronic != 0;
        for (const auto& k : SplitKeys(submission)) {
          if (auto c = ParseChannel(k)) copy.submission_channels.push_back(*c);
        }
        for (const auto& k : SplitKeys(ret)) {
          if (auto c = ParseChannel(k)) copy.return_channels.push_back(*c);
        }
        copy.effective_from = from_ind == soci::i_ok ? ParseIsoDate(from) : std::nullopt;
        copy.effective_to = to_ind == soci::i_ok ? ParseIsoDate(to) : std::nullopt;
        copy.popularity = popularity;
        by_code[copy.code] = catalog.procedures.size();
        catalog.procedures.push_back(std::move(copy));
      }
    }
    auto owner = [&](const std::string& code) -> Procedure* {
      auto it = by_code.find(code);
      return it == by_code.end() ? nullptr : &catalog.procedures[it->second];
    };
    std::string code;
    {
      std::string agency;
      soci::statement st = (sql->prepare << "SELECT procedure_code, agency_code FROM "
                                            "procedure_agencies ORDER BY procedure_code, position",
                            soci::into(code), soci::into(agency));
      st.execute();
      while (st.fetch()) {
        if (Procedure* p = owner(code)) p->agency_codes.push_back(agency);
      }
    }
    {
      Component c;
      int required = 0;
      soci::statement st =
          (sql->prepare << "SELECT procedure_code, name, originals, certified_copies, "
                           "photocopies, required, form FROM procedure_components "
                           "ORDER BY procedure_code, position",
           soci::into(code), soci::into(c.name), soci::into(c.originals),
           soci::into(c.certified_copies), soci::into(c.photocopies), soci::into(required),
           soci::into(c.form));
      st.execute();
      while (st.fetch()) {
        c.required = required != 0;
        if (Procedure* p = owner(code)) p->components.push_back(c);
      }
    }
    {
      Fee f;
      long long amount = 0;
      soci::statement st = (sql->prepare << "SELECT procedure_code, name, amount_vnd, note FROM "
                                            "procedure_fees ORDER BY procedure_code, position",
                            soci::into(code), soci::into(f.name), soci::into(amount),
                            soci::into(f.note));
      st.execute();
      while (st.fetch()) {
        f.amount_vnd = amount;
        if (Procedure* p = owner(code)) p->fees.push_back(f);
      }
    }
    {
      LegalBasis l;
      std::string issued;
      soci::indicator issued_ind;
      soci::statement st =
          (sql->prepare << "SELECT procedure_code, number, title, issuer, issued FROM "
                           "procedure_legal_bases ORDER BY procedure_code, position",
           soci::into(code), soci::into(l.number), soci::into(l.title), soci::into(l.issuer),
           soci::into(issued, issued_ind));
      st.execute();
      while (st.fetch()) {
        LegalBasis copy = l;
        copy.issued = issued_ind == soci::i_ok ? ParseIsoDate(issued) : std::nullopt;
        if (Procedure* p = owner(code)) p->legal_bases.push_back(std::move(copy));
      }
    }
    {
      ProcessStep s;
      std::string agency;
      soci::indicator agency_ind;
      soci::statement st =
          (sql->prepare << "SELECT procedure_code, name, role, unit, agency_code, days FROM "
                           "procedure_steps ORDER BY procedure_code, position",
           soci::into(code), soci::into(s.name), soci::into(s.role), soci::into(s.unit),
           soci::into(agency, agency_ind), soci::into(s.days));
      st.execute();
      while (st.fetch()) {
        ProcessStep copy = s;
        copy.agency_code = agency_ind == soci::i_ok ? agency : std::string();
        if (Procedure* p = owner(code)) p->steps.push_back(std::move(copy));
      }
    }
    return catalog;
  });
}

Status CatalogStore::SaveCatalog(const Catalog& catalog) {
  return Guard("save catalog", [&]() -> Status {
    Database::Lease sql(db_);
    soci::transaction tx(*sql);
    int position = 0;
    {
      Agency a;
      std::string kind, level;
      soci::indicator parent_ind = soci::i_ok;
      // Position continues after what is stored so a partial import keeps order.
      int base = 0;
      soci::indicator base_ind;
      *sql << "SELECT MAX(position) FROM agencies", soci::into(base, base_ind);
      position = base_ind == soci::i_ok ? base + 1 : 0;
      soci::statement st =
          (sql->prepare << "INSERT INTO agencies (code, name, short_name, parent_code, kind, "
                           "level, address, phone, email, position) VALUES (:code, :name, "
                           ":short_name, :parent, :kind, :level, :address, :phone, :email, :pos) "
                           "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                           "short_name = excluded.short_name, parent_code = excluded.parent_code, "
                           "kind = excluded.kind, level = excluded.level, "
                           "address = excluded.address, phone = excluded.phone, "
                           "email = excluded.email",
           soci::use(a.code), soci::use(a.name), soci::use(a.short_name),
           soci::use(a.parent_code, parent_ind), soci::use(kind), soci::use(level),
           soci::use(a.address), soci::use(a.phone), soci::use(a.email), soci::use(position));
      for (const Agency& agency : catalog.agencies) {
        a = agency;
        kind = AgencyKindKey(agency.kind);
        level = GovLevelKey(agency.level);
        parent_ind = NullIfEmpty(agency.parent_code);
        st.execute(true);
        ++position;
      }
    }
    {
      Field f;
      int base = 0;
      soci::indicator base_ind;
      *sql << "SELECT MAX(position) FROM fields", soci::into(base, base_ind);
      position = base_ind == soci::i_ok ? base + 1 : 0;
      soci::statement st =
          (sql->prepare << "INSERT INTO fields (code, name, position) VALUES (:c, :n, :p) "
                           "ON CONFLICT (code) DO UPDATE SET name = excluded.name",
           soci::use(f.code), soci::use(f.name), soci::use(position));
      for (const Field& field : catalog.fields) {
        f = field;
        st.execute(true);
        ++position;
      }
    }
    {
      int base = 0;
      soci::indicator base_ind;
      *sql << "SELECT MAX(position) FROM procedures", soci::into(base, base_ind);
      position = base_ind == soci::i_ok ? base + 1 : 0;

      Procedure p;
      std::string levels, online, applicants, submission, ret, from, to;
      soci::indicator from_ind = soci::i_ok, to_ind = soci::i_ok;
      int electronic = 0;
      soci::statement upsert =
          (sql->prepare << "INSERT INTO procedures (code, name, field_code, levels, online_level, "
                           "processing_days, processing_note, applicants, description, "
                           "conditions, result_name, result_electronic, submission_channels, "
                           "return_channels, effective_from, effective_to, popularity, position) "
                           "VALUES (:code, :name, :field, :levels, :online, :days, :note, "
                           ":applicants, :description, :conditions, :result, :electronic, "
                           ":submission, :ret, :from, :to, :popularity, :pos) "
                           "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                           "field_code = excluded.field_code, levels = excluded.levels, "
                           "online_level = excluded.online_level, "
                           "processing_days = excluded.processing_days, "
                           "processing_note = excluded.processing_note, "
                           "applicants = excluded.applicants, description = excluded.description, "
                           "conditions = excluded.conditions, result_name = excluded.result_name, "
                           "result_electronic = excluded.result_electronic, "
                           "submission_channels = excluded.submission_channels, "
                           "return_channels = excluded.return_channels, "
                           "effective_from = excluded.effective_from, "
                           "effective_to = excluded.effective_to, popularity = excluded.popularity",
           soci::use(p.code), soci::use(p.name), soci::use(p.field_code), soci::use(levels),
           soci::use(online), soci::use(p.processing_days), soci::use(p.processing_note),
           soci::use(applicants), soci::use(p.description), soci::use(p.conditions),
           soci::use(p.result_name), soci::use(electronic), soci::use(submission),
           soci::use(ret), soci::use(from, from_ind), soci::use(to, to_ind),
           soci::use(p.popularity), soci::use(position));

      std::string code;
      int child_pos = 0;
      std::vector<soci::statement> deletes;
      for (const char* table : {"procedure_agencies", "procedure_components", "procedure_fees",
                                "procedure_legal_bases", "procedure_steps"}) {
        deletes.push_back((sql->prepare << "DELETE FROM " << table << " WHERE procedure_code = :c",
                           soci::use(code)));
      }
      std::string agency;
      soci::statement ins_agency =
          (sql->prepare << "INSERT INTO procedure_agencies (procedure_code, position, agency_code) "
                           "VALUES (:c, :p, :a)",
           soci::use(code), soci::use(child_pos), soci::use(agency));
      Component c;
      int required = 0;
      soci::statement ins_component =
          (sql->prepare << "INSERT INTO procedure_components (procedure_code, position, name, "
                           "originals, certified_copies, photocopies, required, form) VALUES "
                           "(:c, :p, :n, :o, :cc, :ph, :r, :f)",
           soci::use(code), soci::use(child_pos), soci::use(c.name), soci::use(c.originals),
           soci::use(c.certified_copies), soci::use(c.photocopies), soci::use(required),
           soci::use(c.form));
      Fee fee;
      long long amount = 0;
      soci::statement ins_fee =
          (sql->prepare << "INSERT INTO procedure_fees (procedure_code, position, name, "
                           "amount_vnd, note) VALUES (:c, :p, :n, :a, :note)",
           soci::use(code), soci::use(child_pos), soci::use(fee.name), soci::use(amount),
           soci::use(fee.note));
      LegalBasis legal;
      std::string issued;
      soci::indicator issued_ind = soci::i_ok;
      soci::statement ins_legal =
          (sql->prepare << "INSERT INTO procedure_legal_bases (procedure_code, position, number, "
                           "title, issuer, issued) VALUES (:c, :p, :n, :t, :i, :d)",
           soci::use(code), soci::use(child_pos), soci::use(legal.number), soci::use(legal.title),
           soci::use(legal.issuer), soci::use(issued, issued_ind));
      ProcessStep step;
      soci::indicator step_agency_ind = soci::i_ok;
      soci::statement ins_step =
          (sql->prepare << "INSERT INTO procedure_steps (procedure_code, position, name, role, "
                           "unit, agency_code, days) VALUES (:c, :p, :n, :r, :u, :a, :d)",
           soci::use(code), soci::use(child_pos), soci::use(step.name), soci::use(step.role),
           soci::use(step.unit), soci::use(step.agency_code, step_agency_ind),
           soci::use(step.days));

      for (const Procedure& procedure : catalog.procedures) {
        p = procedure;
        levels = JoinKeys(p.levels, [](GovLevel l) { return std::string(GovLevelKey(l)); });
        online = OnlineLevelKey(p.online_level);
        applicants = JoinKeys(p.applicants, [](const std::string& s) { return s; });
        submission = JoinKeys(p.submission_channels, [](Channel c) { return std::string(ChannelKey(c)); });
        ret = JoinKeys(p.return_channels, [](Channel c) { return std::string(ChannelKey(c)); });
        electronic = p.result_electronic ? 1 : 0;
        from = DateText(p.effective_from);
        to = DateText(p.effective_to);
        from_ind = NullIfEmpty(from);
        to_ind = NullIfEmpty(to);
        upsert.execute(true);
        ++position;

        code = p.code;
        for (auto& d : deletes) d.execute(true);
        child_pos = 0;
        for (const auto& a : p.agency_codes) {
          agency = a;
          ins_agency.execute(true);
          ++child_pos;
        }
        child_pos = 0;
        for (const auto& comp : p.components) {
          c = comp;
          required = comp.required ? 1 : 0;
          ins_component.execute(true);
          ++child_pos;
        }
        child_pos = 0;
        for (const auto& f : p.fees) {
          fee = f;
          amount = f.amount_vnd;
          ins_fee.execute(true);
          ++child_pos;
        }
        child_pos = 0;
        for (const auto& l : p.legal_bases) {
          legal = l;
          issued = DateText(l.issued);
          issued_ind = NullIfEmpty(issued);
          ins_legal.execute(true);
          ++child_pos;
        }
        child_pos = 0;
        for (const auto& s : p.steps) {
          step = s;
          step_agency_ind = NullIfEmpty(s.agency_code);
          ins_step.execute(true);
          ++child_pos;
        }
      }
    }
    *sql << "UPDATE catalog_meta SET revision = revision + 1 WHERE id = 1";
    tx.commit();
    return {};
  });
}

}  // namespace motcua::store
