// `shenbao templates --check`: a template author's mistakes are reported with the
// file, the line and what is wrong; the shipped templates load.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "extract/lexicon.h"
#include "extract/template_loader.h"

namespace shenbao::extract {
namespace {

namespace fs = std::filesystem;

class TemplateCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("shenbao-template-check-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& text) {
    const fs::path file = dir_ / name;
    std::ofstream(file) << text;
    return file;
  }

  // The problem on `line` whose message contains `words`, or null.
  static const TemplateProblem* Find(const std::vector<TemplateProblem>& problems, int line, const std::string& words) {
    for (const auto& p : problems)
      if (p.line == line && p.message.find(words) != std::string::npos) return &p;
    return nullptr;
  }

  static std::string All(const std::vector<TemplateProblem>& problems) {
    std::string s;
    for (const auto& p : problems) s += p.ToString() + "\n";
    return s;
  }

  fs::path dir_;
};

constexpr const char* kHeader =
    "id: test-form\n"            // 1
    "name: 测试表\n"              // 2
    "layout: key-value\n"        // 3
    "title: '测试表'\n"           // 4
    "fields:\n";                 // 5

TEST_F(TemplateCheckTest, ALexiconThatCannotBeReadOrHasABadLineIsAMistake) {
  const fs::path missing = Write("missing.yaml", "lexicon: nowhere.txt\n" + std::string(kHeader) + "  city: {label: [申报城市]}\n");
  const auto problems = CheckTemplateFile(missing);
  EXPECT_NE(Find(problems, 1, "lexicon 'nowhere.txt': cannot read the lexicon file"), nullptr) << All(problems);
  const fs::path words = Write("words.txt", "# words\n5G\n数字 孪生\n");
  const auto word_problems = CheckTemplateFile(words);
  ASSERT_EQ(word_problems.size(), 1u) << All(word_problems);
  EXPECT_EQ(word_problems[0].ToString(), words.string() + ":3: one term a line, without spaces: '数字 孪生'");
  // A template naming a good lexicon loads with its words.
  Write("good.txt", "5G\n数字孪生\n");
  const FormTemplate t = LoadTemplateFile(Write("good.yaml", "lexicon: good.txt\n" + std::string(kHeader) + "  city: {label: [申报城市]}\n"));
  ASSERT_NE(t.lexicon, nullptr);
}

TEST_F(TemplateCheckTest, ReportsEachMistakeOnItsLine) {
  const fs::path file = Write("bad.yaml", std::string(kHeader) +
                                              "  city: {type: text, lable: [申报城市]}\n"            // 6: typo'd key
                                              "  code: {type: texte, label: [代码]}\n"               // 7: unknown type
                                              "  level: {type: enum, label: [项目层级]}\n"           // 8: enum without values
                                              "  phone: {type: phone, label: [电话], after: nobody}\n"  // 9: after unknown
                                              "  date: {type: date, label: [意见], part: signature}\n"  // 10: unknown part
                                              "rules:\n"                                              // 11
                                              "  - id: city-pattern\n"                                // 12
                                              "    check: pattern\n"                                  // 13
                                              "    field: city\n"                                     // 14
                                              "    pattern: '(unclosed'\n"                            // 15: bad regex
                                              "    message: 城市\n");
  const auto problems = CheckTemplateFile(file);
  SCOPED_TRACE(All(problems));
  const TemplateProblem* typo = Find(problems, 6, "unknown key 'lable'");
  ASSERT_NE(typo, nullptr);
  EXPECT_NE(typo->message.find("did you mean 'label'"), std::string::npos);
  EXPECT_EQ(typo->file, file.string());
  EXPECT_NE(Find(problems, 7, "unknown type 'texte'"), nullptr);
  EXPECT_NE(Find(problems, 8, "enum but lists no values"), nullptr);
  EXPECT_NE(Find(problems, 9, "after unknown field 'nobody'"), nullptr);
  EXPECT_NE(Find(problems, 10, "unknown 'part: signature'"), nullptr);
  EXPECT_NE(Find(problems, 15, ""), nullptr);  // ICU says why the regex does not compile
  // "file:line: message", as printed by `shenbao templates --check`.
  EXPECT_EQ(typo->ToString().rfind(file.string() + ":6: ", 0), 0u);
}

TEST_F(TemplateCheckTest, RequiredUnlessAndStampPlacesAreChecked) {
  const fs::path file = Write("stamps.yaml", std::string(kHeader) +
                                                 "  city: {type: text, label: [申报城市]}\n"                  // 6
                                                 "  name: {type: text, label: [负责人], required_unless: {field: town, in: [大连]}}\n"  // 7
                                                 "stamps:\n"                                                   // 8
                                                 "  seal: {place: label-cell}\n"                               // 9: no label
                                                 "  other: {place: beside, label: [意见]}\n");                 // 10: bad place
  const auto problems = CheckTemplateFile(file);
  SCOPED_TRACE(All(problems));
  EXPECT_NE(Find(problems, 7, "required_unless names unknown field 'town'"), nullptr);
  EXPECT_NE(Find(problems, 9, "has no label"), nullptr);
  EXPECT_NE(Find(problems, 10, "unknown place 'beside'"), nullptr);
}

// `lexicon: false` keeps a person's name from being corrected towards the word lists.
TEST_F(TemplateCheckTest, AFieldOrColumnMayOptOutOfTheLexicon) {
  const fs::path file = Write("names.yaml", std::string(kHeader) +
                                                "  leader: {type: text, label: [负责人], lexicon: false}\n"  // 6
                                                "  city: {type: text, label: [申报城市]}\n"                // 7
                                                "  deputy: {type: text, label: [联系人], lexicon: nope}\n"  // 8
                                                "tables:\n"                                                 // 9
                                                "  people:\n"                                               // 10
                                                "    embedded: true\n"                                      // 11
                                                "    columns:\n"                                            // 12
                                                "      person: {label: 联系人, lexicon: false}\n"           // 13
                                                "      unit: {label: 单位}\n");                             // 14
  const auto problems = CheckTemplateFile(file);
  ASSERT_EQ(problems.size(), 1u) << All(problems);
  EXPECT_EQ(problems[0].line, 8) << All(problems);
  EXPECT_NE(problems[0].message.find("lexicon"), std::string::npos) << All(problems);

  const fs::path good = Write("good.yaml", std::string(kHeader) +
                                               "  leader: {type: text, label: [负责人], lexicon: false}\n"
                                               "  city: {type: text, label: [申报城市]}\n"
                                               "tables:\n"
                                               "  people:\n"
                                               "    embedded: true\n"
                                               "    columns:\n"
                                               "      person: {label: 联系人, lexicon: false}\n"
                                               "      unit: {label: 单位}\n");
  const FormTemplate form = LoadTemplateFile(good);
  EXPECT_FALSE(form.FindField("leader")->use_lexicon);
  EXPECT_TRUE(form.FindField("city")->use_lexicon);
  ASSERT_EQ(form.tables.size(), 1u);
  ASSERT_EQ(form.tables[0].columns.size(), 2u);
  EXPECT_FALSE(form.tables[0].columns[0].use_lexicon);
  EXPECT_TRUE(form.tables[0].columns[1].use_lexicon);
}

// `person: true` marks a person's name: no lexicon, and a family name from the
// template's `surnames:` list, which must be named and well formed.
TEST_F(TemplateCheckTest, APersonsNameNeedsTheSurnameList) {
  const fs::path without = Write("no-list.yaml", std::string(kHeader) +
                                                    "  leader: {type: text, label: [负责人], person: true}\n");  // 6
  const auto problems = CheckTemplateFile(without);
  ASSERT_EQ(problems.size(), 1u) << All(problems);
  EXPECT_NE(Find(problems, 6, "field 'leader' is person: true but the template names no surnames: file"), nullptr)
      << All(problems);

  Write("surnames.txt", "# family names\n王\n欧阳\n王\nSmith\n司马相如\n");
  const auto list_problems = CheckTemplateFile(dir_ / "surnames.txt");
  ASSERT_EQ(list_problems.size(), 3u) << All(list_problems);
  EXPECT_NE(Find(list_problems, 4, "'王' is listed twice (also line 2)"), nullptr) << All(list_problems);
  EXPECT_NE(Find(list_problems, 5, "one or two Chinese characters"), nullptr) << All(list_problems);
  EXPECT_NE(Find(list_problems, 6, "one or two Chinese characters"), nullptr) << All(list_problems);

  Write("surnames.txt", "王\n欧阳\n");
  const std::string header = std::string(kHeader);
  const fs::path with = Write("with-list.yaml", header.substr(0, header.find("fields:")) + "surnames: surnames.txt\n" +
                                                    header.substr(header.find("fields:")) +
                                                    "  leader: {type: text, label: [负责人], person: true}\n"
                                                    "  city: {type: text, label: [申报城市]}\n");
  const FormTemplate form = LoadTemplateFile(with);
  ASSERT_NE(form.surnames, nullptr);
  EXPECT_TRUE(form.FindField("leader")->person);
  EXPECT_FALSE(form.FindField("leader")->use_lexicon);  // a name is never corrected towards words
  EXPECT_FALSE(form.FindField("city")->person);
  EXPECT_TRUE(form.FindField("city")->use_lexicon);
}

TEST_F(TemplateCheckTest, LoadingAFolderWithAMistakeThrowsWithTheProblem) {
  Write("a.yaml", std::string(kHeader) + "  city: {type: txt, label: [申报城市]}\n");
  try {
    LoadTemplateDir(dir_);
    FAIL() << "a template with a mistake must stop the run";
  } catch (const TemplateError& e) {
    EXPECT_NE(std::string(e.what()).find("a.yaml:6: unknown type 'txt'"), std::string::npos) << e.what();
  }
}

TEST_F(TemplateCheckTest, ShippedTemplatesLoadWithTheirLayouts) {
  const auto templates = LoadTemplateDir(fs::path(SHENBAO_SOURCE_DIR) / "templates");
  auto find = [&](const std::string& id) -> const FormTemplate* {
    for (const auto& t : templates)
      if (t.id == id) return &t;
    return nullptr;
  };
  for (const char* id : {"5g-factory-application-summary", "5g-factory-recommendation-summary",
                         "iiot-pilot-recommendation-summary", "5g-iiot-pilot-zone-application",
                         "5g-factory-project-application", "official-letter"})
    ASSERT_NE(find(id), nullptr) << id;
  const FormTemplate& d = *find("5g-iiot-pilot-zone-application");
  EXPECT_EQ(d.layout, Layout::kKeyValue);
  // The 计划单列市 exemption is declared in the template, not in code.
  const StampSpec* prov_seal = d.FindStamp("prov_gov_seal");
  ASSERT_NE(prov_seal, nullptr);
  EXPECT_EQ(prov_seal->required_unless.field, "city");
  EXPECT_EQ(prov_seal->required_unless.values.size(), 5u);
  const FieldSpec* phone = d.FindField("comm_admin_phone");
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->after, "comm_admin_name");
  const FormTemplate& e = *find("5g-factory-project-application");
  EXPECT_TRUE(e.FindField("project_level")->checkbox);
  EXPECT_TRUE(e.FindTable("base_stations")->embedded);
  EXPECT_EQ(find("official-letter")->FindField("doc_number")->letter_part, LetterPart::kDocNumber);
}

}  // namespace
}  // namespace shenbao::extract
