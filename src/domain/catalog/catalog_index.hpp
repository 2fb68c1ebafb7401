#pragma once
// CatalogIndex: an immutable, searchable snapshot of the catalog.
//
// Built once from a Catalog (the storage engine does not matter, so SQLite and
// PostgreSQL give identical results by construction) and then shared by all
// request threads: every method is const and thread-safe.
//
// Search is Vietnamese-aware: queries and documents are folded (case,
// diacritics, đ ≡ d, NFC/NFD), words match in any order, a word may have one
// typo (Damerau–Levenshtein distance 1 for words of 4+ letters) or be the
// prefix of a longer word, and results are ranked name > field > description,
// with a bonus when the whole query appears as a phrase in the name.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/catalog/catalog.hpp"

namespace motcua::domain {

struct CatalogQuery {
  std::string text;         // free text; empty lists everything
  std::string agency_code;  // implementing agency or any of its descendants
  std::string field_code;
  std::optional<GovLevel> level;
  std::optional<OnlineLevel> online;
  std::size_t page = 1;  // 1-based
  std::size_t per_page = 20;
};

struct CatalogHit {
  const Procedure* procedure;
  double score;
};

struct CatalogPage {
  std::vector<CatalogHit> items;
  std::size_t total = 0;
};

// One node of the agency tree with its children, for display.
struct AgencyNode {
  const Agency* agency;
  std::vector<AgencyNode> children;
};

class CatalogIndex {
 public:
  explicit CatalogIndex(Catalog catalog, long revision = 0);

  // Matching procedures ordered best first; empty text orders by popularity.
  CatalogPage Search(const CatalogQuery& query) const;

  // nullptr if unknown.
  const Procedure* FindProcedure(const std::string& code) const;
  const Agency* FindAgency(const std::string& code) const;
  const Field* FindField(const std::string& code) const;

  // Roots of the agency tree (normally one: the province), children by name.
  const std::vector<AgencyNode>& AgencyTree() const { return tree_; }
  const Catalog& catalog() const { return catalog_; }
  long revision() const { return revision_; }

  // Number of procedures per field code.
  std::size_t CountInField(const std::string& field_code) const;

 private:
  struct Posting {
    std::uint32_t doc;
    std::uint8_t where;  // bit 0 name, 1 field, 2 description
  };
  struct Doc {
    std::string folded_name;
    std::vector<std::uint32_t> name_terms;  // term ids of the name's words, in order
  };

  bool PassesFilters(std::size_t doc, const CatalogQuery& query,
                     const std::vector<bool>* agency_set) const;

  Catalog catalog_;
  long revision_;
  std::vector<Doc> docs_;
  // Calls `fn(term_id, quality)` for every vocabulary term matching the
  // query word: exactly, as a longer word it prefixes, or with one typo.
  template <typename Fn>
  void ForEachMatchingTerm(const std::string& word, Fn&& fn) const;

  std::vector<std::string> vocabulary_;
  std::vector<std::vector<Posting>> postings_;  // by term id
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::uint32_t> sorted_terms_;  // term ids in string order, for prefix ranges
  // Symmetric-delete typo index: each term with one letter removed -> terms.
  // A query word within one edit of a term shares a key with it.
  std::unordered_map<std::string, std::vector<std::uint32_t>> deletes_;
  std::unordered_map<std::string, std::size_t> procedure_by_code_;
  std::unordered_map<std::string, std::size_t> agency_by_code_;
  std::unordered_map<std::string, std::size_t> field_by_code_;
  std::map<std::string, std::size_t> field_counts_;
  std::vector<std::vector<std::size_t>> agency_children_;  // by agency index
  std::vector<std::vector<std::uint32_t>> doc_agencies_;   // agency indexes per doc
  std::vector<std::size_t> by_popularity_;
  std::vector<AgencyNode> tree_;
};

// Damerau–Levenshtein (optimal string alignment) distance, capped: returns
// cap + 1 as soon as the distance exceeds cap.
int BoundedEditDistance(const std::string& a, const std::string& b, int cap);

}  // namespace motcua::domain
