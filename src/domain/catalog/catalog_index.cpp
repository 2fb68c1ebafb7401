#include "domain/catalog/catalog_index.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <numeric>

#include "core/text.hpp"

namespace motcua::domain {
namespace {

constexpr std::uint8_t kInName = 1;
constexpr std::uint8_t kInField = 2;
constexpr std::uint8_t kInDescription = 4;

// Ranking weights: a word found in the name counts more than in the field
// name, which counts more than in the description (rules.md §2: people
// search by the words of the procedure's name).
constexpr double kNameWeight = 3.0;
constexpr double kFieldWeight = 2.0;
constexpr double kDescriptionWeight = 1.0;
// How much a looser match of a word is worth relative to an exact one.
constexpr double kExact = 1.0;
constexpr double kPrefix = 0.7;
constexpr double kTypo = 0.6;
constexpr std::size_t kMinTypoLength = 4;
constexpr std::size_t kMinPrefixLength = 2;

double WeightOf(std::uint8_t where) {
  double w = 0;
  if (where & kInName) w = std::max(w, kNameWeight);
  if (where & kInField) w = std::max(w, kFieldWeight);
  if (where & kInDescription) w = std::max(w, kDescriptionWeight);
  return w;
}

}  // namespace

int BoundedEditDistance(const std::string& a, const std::string& b, int cap) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  // Words are short; three rows on the stack avoid allocating per call.
  constexpr int kMax = 64;
  if (m >= kMax) return cap + 1;
  int rows[3][kMax];
  int* prev2 = rows[0];
  int* prev = rows[1];
  int* cur = rows[2];
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    int* old = prev2;
    prev2 = prev;
    prev = cur;
    cur = old;
  }
  return std::min(prev[m], cap + 1);
}

namespace {

// Every string made by deleting one character of `word`.
std::vector<std::string> Deletions(const std::string& word) {
  std::vector<std::string> out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::string d = word;
    d.erase(i, 1);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

template <typename Fn>
void CatalogIndex::ForEachMatchingTerm(const std::string& word, Fn&& fn) const {
  if (auto exact = term_ids_.find(word); exact != term_ids_.end()) fn(exact->second, kExact);
  if (word.size() >= kMinPrefixLength) {
    auto less = [&](std::uint32_t t, const std::string& w) { return vocabulary_[t] < w; };
    auto it = std::lower_bound(sorted_terms_.begin(), sorted_terms_.end(), word, less);
    for (; it != sorted_terms_.end(); ++it) {
      const std::string& term = vocabulary_[*it];
      if (term.compare(0, word.size(), word) != 0) break;
      if (term.size() > word.size()) fn(*it, kPrefix);
    }
  }
  // A typo is tolerated inside a word of kMinTypoLength letters or more:
  // "lch" for "lich" is one, "ky" for "ki" is not (both are real syllables).
  if (word.size() + 1 < kMinTypoLength) return;
  // Candidates share a one-deletion key with the word; verify each.
  std::vector<std::uint32_t> candidates;
  auto add_all = [&](const std::string& key) {
    if (auto d = deletes_.find(key); d != deletes_.end()) {
      candidates.insert(candidates.end(), d->second.begin(), d->second.end());
    }
  };
  add_all(word);  // the word lacks one letter of the term
  for (const std::string& d : Deletions(word)) {
    if (auto t = term_ids_.find(d); t != term_ids_.end()) candidates.push_back(t->second);  // an extra letter
    add_all(d);  // a wrong or swapped letter
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (std::uint32_t t : candidates) {
    const std::string& term = vocabulary_[t];
    if (term == word || std::max(term.size(), word.size()) < kMinTypoLength) continue;
    // Prefix matches were already reported with a better quality.
    if (term.size() > word.size() && term.compare(0, word.size(), word) == 0) continue;
    if (BoundedEditDistance(word, term, 1) <= 1) fn(t, kTypo);
  }
}

CatalogIndex::CatalogIndex(Catalog catalog, long revision)
    : catalog_(std::move(catalog)), revision_(revision) {
  for (std::size_t i = 0; i < catalog_.agencies.size(); ++i) {
    agency_by_code_[catalog_.agencies[i].code] = i;
  }
  for (std::size_t i = 0; i < catalog_.fields.size(); ++i) {
    field_by_code_[catalog_.fields[i].code] = i;
  }

  // Agency tree.
  agency_children_.resize(catalog_.agencies.size());
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < catalog_.agencies.size(); ++i) {
    auto parent = agency_by_code_.find(catalog_.agencies[i].parent_code);
    if (parent == agency_by_code_.end()) {
      roots.push_back(i);
    } else {
      agency_children_[parent->second].push_back(i);
    }
  }
  std::function<AgencyNode(std::size_t, int)> build = [&](std::size_t i, int depth) {
    AgencyNode node{&catalog_.agencies[i], {}};
    if (depth > 64) return node;  // guards against a cycle in stored data
    for (std::size_t c : agency_children_[i]) node.children.push_back(build(c, depth + 1));
    return node;
  };
  for (std::size_t r : roots) tree_.push_back(build(r, 0));

  // Inverted index over folded words.
  docs_.resize(catalog_.procedures.size());
  doc_agencies_.resize(catalog_.procedures.size());
  auto add_words = [&](std::uint32_t doc, const std::string& text, std::uint8_t where) {
    for (auto& word : SplitWords(FoldForSearch(text))) {
      auto [it, inserted] = term_ids_.try_emplace(word, static_cast<std::uint32_t>(vocabulary_.size()));
      if (inserted) {
        vocabulary_.push_back(word);
        postings_.emplace_back();
      }
      auto& list = postings_[it->second];
      if (!list.empty() && list.back().doc == doc) {
        list.back().where |= where;
      } else {
        list.push_back({doc, where});
      }
    }
  };
  for (std::size_t i = 0; i < catalog_.procedures.size(); ++i) {
    const Procedure& p = catalog_.procedures[i];
    procedure_by_code_[p.code] = i;
    auto doc = static_cast<std::uint32_t>(i);
    docs_[i].folded_name = FoldForSearch(p.name);
    add_words(doc, p.name, kInName);
    for (const auto& word : SplitWords(docs_[i].folded_name)) docs_[i].name_terms.push_back(term_ids_.at(word));
    if (const Field* f = FindField(p.field_code)) add_words(doc, f->name, kInField);
    add_words(doc, p.description, kInDescription);
    add_words(doc, p.result_name, kInDescription);
    for (const auto& code : p.agency_codes) {
      auto a = agency_by_code_.find(code);
      if (a != agency_by_code_.end()) doc_agencies_[i].push_back(static_cast<std::uint32_t>(a->second));
    }
    field_counts_[p.field_code]++;
  }

  sorted_terms_.resize(vocabulary_.size());
  std::iota(sorted_terms_.begin(), sorted_terms_.end(), 0);
  std::sort(sorted_terms_.begin(), sorted_terms_.end(),
            [&](std::uint32_t a, std::uint32_t b) { return vocabulary_[a] < vocabulary_[b]; });
  for (std::uint32_t t = 0; t < vocabulary_.size(); ++t) {
    if (vocabulary_[t].size() + 1 < kMinTypoLength) continue;
    for (auto& d : Deletions(vocabulary_[t])) deletes_[d].push_back(t);
  }

  by_popularity_.resize(catalog_.procedures.size());
  std::iota(by_popularity_.begin(), by_popularity_.end(), 0);
  std::stable_sort(by_popularity_.begin(), by_popularity_.end(), [&](std::size_t a, std::size_t b) {
    const Procedure& pa = catalog_.procedures[a];
    const Procedure& pb = catalog_.procedures[b];
    if (pa.popularity != pb.popularity) return pa.popularity > pb.popularity;
    if (docs_[a].folded_name != docs_[b].folded_name) return docs_[a].folded_name < docs_[b].folded_name;
    return pa.code < pb.code;
  });
}

const Procedure* CatalogIndex::FindProcedure(const std::string& code) const {
  auto it = procedure_by_code_.find(code);
  return it == procedure_by_code_.end() ? nullptr : &catalog_.procedures[it->second];
}

const Agency* CatalogIndex::FindAgency(const std::string& code) const {
  auto it = agency_by_code_.find(code);
  return it == agency_by_code_.end() ? nullptr : &catalog_.agencies[it->second];
}

const Field* CatalogIndex::FindField(const std::string& code) const {
  auto it = field_by_code_.find(code);
  return it == field_by_code_.end() ? nullptr : &catalog_.fields[it->second];
}

std::size_t CatalogIndex::CountInField(const std::string& field_code) const {
  auto it = field_counts_.find(field_code);
  return it == field_counts_.end() ? 0 : it->second;
}

bool CatalogIndex::PassesFilters(std::size_t doc, const CatalogQuery& query,
                                 const std::vector<bool>* agency_set) const {
  const Procedure& p = catalog_.procedures[doc];
  if (!query.field_code.empty() && p.field_code != query.field_code) return false;
  if (query.online && p.online_level != *query.online) return false;
  if (query.level && std::find(p.levels.begin(), p.levels.end(), *query.level) == p.levels.end()) {
    return false;
  }
  if (agency_set) {
    bool any = false;
    for (auto a : doc_agencies_[doc]) any = any || (*agency_set)[a];
    if (!any) return false;
  }
  return true;
}

CatalogPage CatalogIndex::Search(const CatalogQuery& query) const {
  // Agency filter covers the whole subtree under the chosen agency.
  std::vector<bool> agency_set;
  const std::vector<bool>* agency_filter = nullptr;
  if (!query.agency_code.empty()) {
    agency_set.assign(catalog_.agencies.size(), false);
    auto root = agency_by_code_.find(query.agency_code);
    if (root != agency_by_code_.end()) {
      std::vector<std::size_t> stack{root->second};
      while (!stack.empty()) {
        std::size_t a = stack.back();
        stack.pop_back();
        if (agency_set[a]) continue;
        agency_set[a] = true;
        for (std::size_t c : agency_children_[a]) stack.push_back(c);
      }
    }
    agency_filter = &agency_set;
  }

  std::vector<CatalogHit> hits;
  const std::string folded_query = FoldForSearch(query.text);
  std::vector<std::string> words = SplitWords(folded_query);
  // Repeated words add nothing to ranking.
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());

  if (words.empty()) {
    for (std::size_t doc : by_popularity_) {
      if (PassesFilters(doc, query, agency_filter)) {
        hits.push_back({&catalog_.procedures[doc], 0.0});
      }
    }
  } else if (auto code = procedure_by_code_.find(std::string(Trim(query.text))); code != procedure_by_code_.end()) {
    // A national code typed as is finds exactly that procedure.
    if (PassesFilters(code->second, query, agency_filter)) {
      hits.push_back({&catalog_.procedures[code->second], 0.0});
    }
  } else {
    const std::size_t n = catalog_.procedures.size();
    // Per-thread scratch arrays, zero between calls: only touched entries
    // are written and reset, so a query costs what it matches, not n.
    struct Scratch {
      std::vector<double> score, best;
      std::vector<std::uint32_t> matched;
      std::vector<std::uint32_t> touched, seen;
    };
    thread_local Scratch scratch;
    if (scratch.score.size() < n) {
      scratch.score.assign(n, 0.0);
      scratch.best.assign(n, 0.0);
      scratch.matched.assign(n, 0);
    }
    auto& score = scratch.score;
    auto& best = scratch.best;
    auto& matched = scratch.matched;
    auto& touched = scratch.touched;
    auto& seen = scratch.seen;  // every doc touched by any word
    seen.clear();
    // Rarest word first: after it, only documents it matched can still
    // match every word, so later (common) words touch far fewer entries.
    std::vector<std::pair<std::size_t, const std::string*>> by_rarity;
    for (const std::string& word : words) {
      auto t = term_ids_.find(word);
      std::size_t n_docs = t == term_ids_.end() ? 0 : postings_[t->second].size();
      by_rarity.emplace_back(n_docs, &word);
    }
    std::sort(by_rarity.begin(), by_rarity.end());
    std::uint32_t round = 0;
    for (const auto& [_, word] : by_rarity) {
      touched.clear();
      ForEachMatchingTerm(*word, [&](std::uint32_t term, double quality) {
        for (const Posting& posting : postings_[term]) {
          if (matched[posting.doc] != round) continue;  // already missed a word
          double s = quality * WeightOf(posting.where);
          if (best[posting.doc] == 0.0) touched.push_back(posting.doc);
          best[posting.doc] = std::max(best[posting.doc], s);
        }
      });
      for (std::uint32_t doc : touched) {
        if (round == 0) seen.push_back(doc);
        score[doc] += best[doc];
        matched[doc] += 1;
        best[doc] = 0.0;
      }
      ++round;
      if (touched.empty()) break;  // no document can match every word
    }
    const auto needed = static_cast<std::uint32_t>(words.size());
    // The query's words as exact term ids, in typed order (kNoTerm if the
    // word is not in the vocabulary: then no phrase can match).
    constexpr std::uint32_t kNoTerm = ~0u;
    std::vector<std::uint32_t> phrase;
    for (const auto& w : SplitWords(folded_query)) {
      auto t = term_ids_.find(w);
      phrase.push_back(t == term_ids_.end() ? kNoTerm : t->second);
    }
    for (std::uint32_t doc : seen) {
      bool all = matched[doc] == needed;
      double s = score[doc];
      score[doc] = 0.0;
      matched[doc] = 0;
      if (!all || !PassesFilters(doc, query, agency_filter)) continue;
      const auto& name = docs_[doc].name_terms;
      // The whole query as a phrase in the name beats scattered words;
      // adjacent pairs of query words earn partial credit.
      bool whole = false, at_start = false;
      if (phrase.size() <= name.size()) {
        for (std::size_t start = 0; start + phrase.size() <= name.size() && !whole; ++start) {
          if (name[start] != phrase[0]) continue;
          whole = std::equal(phrase.begin() + 1, phrase.end(), name.begin() + static_cast<std::ptrdiff_t>(start) + 1);
          at_start = whole && start == 0;
        }
      }
      if (whole) {
        s += kNameWeight * static_cast<double>(phrase.size());
        if (at_start) s += 1.0;
      } else {
        for (std::size_t i = 0; i + 1 < phrase.size(); ++i) {
          if (phrase[i] == kNoTerm || phrase[i + 1] == kNoTerm) continue;
          for (std::size_t j = 0; j + 1 < name.size(); ++j) {
            if (name[j] == phrase[i] && name[j + 1] == phrase[i + 1]) {
              s += 0.5;
              break;
            }
          }
        }
      }
      // Shorter names are closer to what was asked for.
      s -= 0.01 * static_cast<double>(name.size());
      hits.push_back({&catalog_.procedures[doc], s});
    }
    // Only the requested page needs ordering among the best hits.
    auto better = [](const CatalogHit& a, const CatalogHit& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.procedure->popularity != b.procedure->popularity) {
        return a.procedure->popularity > b.procedure->popularity;
      }
      return a.procedure->code < b.procedure->code;
    };
    std::size_t want = std::min(hits.size(), std::max<std::size_t>(1, query.page) * std::max<std::size_t>(1, query.per_page));
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(want), hits.end(), better);
  }

  CatalogPage page;
  page.total = hits.size();
  std::size_t per_page = std::max<std::size_t>(1, query.per_page);
  std::size_t begin = (std::max<std::size_t>(1, query.page) - 1) * per_page;
  if (begin < hits.size()) {
    std::size_t end = std::min(hits.size(), begin + per_page);
    page.items.assign(hits.begin() + static_cast<std::ptrdiff_t>(begin),
                      hits.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return page;
}

}  // namespace motcua::domain
