#include "extract/template_yaml.h"

#include <algorithm>

#include "extract/normalize.h"

namespace shenbao::extract {

void YamlChecker::Problem(const YAML::Node& node, const std::string& message) {
  problems.push_back({file_, node.IsDefined() ? node.Mark().line + 1 : 0, message});
}

void YamlChecker::CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                            const std::string& where) {
  if (!map.IsMap()) return;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>("");
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string best;
    int best_distance = 1000;
    for (std::string_view a : allowed) {
      int d = EditDistance(key, a);
      if (d < best_distance) best_distance = d, best = a;
    }
    std::string msg = "unknown key '" + key + "' in " + where;
    if (best_distance <= 2) msg += " (did you mean '" + best + "'?)";
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    Problem(kv.first, msg + "; allowed: " + list);
  }
}

std::string YamlChecker::String(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    Problem(node, what + " must be a single value");
    return {};
  }
  return node.as<std::string>();
}

std::vector<std::string> YamlChecker::Strings(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (node.IsScalar()) return {node.as<std::string>()};
  if (!node.IsSequence()) {
    Problem(node, what + " must be a value or a list [a, b]");
    return out;
  }
  for (const auto& item : node) out.push_back(String(item, what));
  return out;
}

bool YamlChecker::Bool(const YAML::Node& node, bool fallback, const std::string& what) {
  if (!node.IsDefined()) return fallback;
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    Problem(node, what + " must be true or false");
    return fallback;
  }
}

int YamlChecker::Int(const YAML::Node& node, int fallback, const std::string& what) {
  if (!node.IsDefined()) return fallback;
  try {
    return node.as<int>();
  } catch (const YAML::Exception&) {
    Problem(node, what + " must be a whole number");
    return fallback;
  }
}

}  // namespace shenbao::extract
