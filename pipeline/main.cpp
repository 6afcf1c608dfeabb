// shenbao: scanned Chinese government submissions → validated JSON records.
// The command line of RECORD.md; every subcommand is a thin layer over the library.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "extract/template_loader.h"
#include "ocr/document_source.h"
#include "pipeline/audit.h"
#include "pipeline/batch.h"
#include "pipeline/evaluate.h"
#include "pipeline/output.h"
#include "pipeline/worker.h"

namespace fs = std::filesystem;
using namespace shenbao;

namespace {

constexpr int kExitUsage = 2;

void SetUpLogging(const fs::path& out_dir, bool verbose) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  std::vector<spdlog::sink_ptr> sinks{console};
  if (!out_dir.empty()) {
    fs::create_directories(out_dir);
    auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>((out_dir / "shenbao.log").string());
    file->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
    sinks.push_back(file);
  }
  auto logger = std::make_shared<spdlog::logger>("shenbao", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::debug);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  ocr::RouteLibraryMessagesToLog();
}

// Template ids, versions and file contents (with their lexicons): a finished document is redone when any changes.
std::string TemplatesFingerprint(const std::vector<extract::FormTemplate>& templates) {
  std::string fingerprint;
  for (const auto& t : templates) {
    std::string content_hash;
    try {
      content_hash = pipeline::Sha256File(t.source_file).substr(0, 12);
      for (const std::string& lexicon : t.lexicon_files) content_hash += "+" + pipeline::Sha256File(lexicon).substr(0, 12);
    } catch (const std::exception&) {
    }
    fingerprint += t.id + "@" + t.version + ":" + content_hash + ";";
  }
  return fingerprint;
}

std::vector<extract::FormTemplate> LoadTemplatesOrExit(const std::string& dir) {
  try {
    return extract::LoadTemplateDir(dir);
  } catch (const extract::TemplateError& e) {
    std::cerr << "shenbao: a template has a mistake; nothing was read.\n" << e.what() << "\n";
    std::exit(kExitUsage);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Tesseract must not start its own OpenMP threads: parallelism is one engine per
  // worker, and OpenMP threads spin between regions, burning the other workers'
  // cores. libgomp reads the limit when it loads, before main. Only workers run
  // Tesseract, and `run` starts them with the environment set here; a worker
  // started without it (by hand) sets it and starts again once. (The main process
  // used to start again too: 90 ms of loading before every run, for nothing.)
  const bool worker = argc == 2 && std::string_view(argv[1]) == pipeline::kWorkerArgument;
  if (getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    if (worker) execv("/proc/self/exe", argv);  // returns only on failure: then go on as we are
  }
  // A batch worker process (pipeline/worker.h), started by `run` itself.
  if (worker) return pipeline::WorkerMain();

  CLI::App app{"shenbao — scanned Chinese government forms (申报书、汇总表、公文) to validated JSON records"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "print the version");

  std::vector<std::string> inputs;
  std::string out_dir, templates_dir = SHENBAO_TEMPLATE_DIR, template_id, model = "chi_sim", tessdata;
  int jobs = 0, dpi = 300;
  double page_timeout = 120, document_timeout = 0;
  float recheck_below = ocr::EngineOptions{}.second_opinion_below;
  float recheck_weakest_below = ocr::EngineOptions{}.second_opinion_weakest_below;
  std::string second_model = ocr::kSecondModel;
  auto add_recheck = [&](CLI::App* sub) {
    sub->add_option("--recheck-below", recheck_below,
                    "a second model re-reads Chinese lines read with less confidence than this "
                    "(0: never, faster, fewer misreadings caught; default 0.90)")
        ->check(CLI::Range(0.0, 1.0));
    sub->add_option("--recheck-weakest-below", recheck_weakest_below,
                    "... and lines read surely as a whole with one character less sure than this "
                    "(0: not those, ~10% faster, more single-character misreadings; default 0.96)")
        ->check(CLI::Range(0.0, 1.0));
    sub->add_option("--second-model", second_model,
                    "the model that re-reads them: chi_sim_int (default; scripts/models.sh installs it) or HanS");
  };
  bool verbose = false, quiet = false;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("INPUT", inputs, "PDF, image (PNG, JPEG, TIFF) or folder (recursed)")->required();
    sub->add_option("--out", out_dir, "output folder")->required();
    sub->add_option("--jobs", jobs, "parallel workers (default: number of cores)")->check(CLI::Range(1, 256));
    sub->add_option("--templates", templates_dir, "folder of template files")->check(CLI::ExistingDirectory);
    sub->add_option("--template", template_id, "read every document with this template id");
    sub->add_option("--dpi", dpi, "PDF rasterization resolution")->check(CLI::Range(72, 1200));
    sub->add_option("--model", model, "Chinese OCR model: chi_sim or HanS");
    sub->add_option("--tessdata", tessdata, "Tesseract model folder (default: Tesseract's own)");
    add_recheck(sub);
    sub->add_flag("-v,--verbose", verbose, "debug messages");
    sub->add_flag("-q,--quiet", quiet, "no progress line");
    sub->add_option("--page-timeout", page_timeout, "seconds a page may take before its document is stopped (error record)")
        ->check(CLI::Range(1.0, 86400.0));
    sub->add_option("--document-timeout", document_timeout, "seconds any one document may take in all (default: no cap)")
        ->check(CLI::Range(1.0, 864000.0));
  };
  CLI::App* run = app.add_subcommand("run", "read documents into records");
  add_common(run);
  CLI::App* audit = app.add_subcommand("audit-stamps", "check the seals of documents (CSV, JSON and HTML)");
  add_common(audit);
  CLI::App* list = app.add_subcommand("templates", "list templates, or check a template file");
  std::string check_file;
  list->add_option("--check", check_file, "validate this template file and report its mistakes");
  list->add_option("--templates", templates_dir, "folder of template files");
  CLI::App* eval = app.add_subcommand("eval", "accuracy over labelled samples (*.truth.json beside each PDF)");
  std::string eval_dir = "samples";
  eval->add_option("SAMPLES", eval_dir, "folder of labelled samples")->check(CLI::ExistingDirectory);
  eval->add_option("--out", out_dir, "where to write the records (default: eval-out)");
  eval->add_option("--jobs", jobs, "parallel workers");
  eval->add_option("--model", model, "Chinese OCR model: chi_sim or HanS");
  eval->add_option("--dpi", dpi, "PDF rasterization resolution");
  eval->add_option("--tessdata", tessdata, "Tesseract model folder (default: Tesseract's own)");
  add_recheck(eval);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  if (show_version) {
    std::cout << "shenbao " << SHENBAO_VERSION << "\n";
    return 0;
  }
  if (*list) {
    if (!check_file.empty()) {
      const auto problems = extract::CheckTemplateFile(check_file);
      for (const auto& p : problems) std::cout << p.ToString() << "\n";
      if (problems.empty()) std::cout << check_file << ": OK\n";
      return problems.empty() ? 0 : 1;
    }
    for (const auto& t : LoadTemplatesOrExit(templates_dir))
      std::cout << t.id << "\t" << t.name << "\t" << t.source_file << "\n";
    return 0;
  }
  if (!*run && !*audit && !*eval) {
    std::cerr << app.help();
    return kExitUsage;
  }

  const auto templates = LoadTemplatesOrExit(templates_dir);
  if (!template_id.empty()) {
    bool known = false;
    for (const auto& t : templates) known = known || t.id == template_id;
    if (!known) {
      std::cerr << "shenbao: no template with id '" << template_id << "' (see: shenbao templates)\n";
      return kExitUsage;
    }
  }
  pipeline::BatchOptions options;
  options.inputs = inputs;
  options.out_dir = out_dir;
  options.jobs = jobs;
  options.quiet = quiet;  // the batch shows a live line on a terminal, plain lines otherwise
  options.verbose = verbose;
  options.page_timeout_s = page_timeout;
  options.document_timeout_s = document_timeout;
  options.process.dpi = dpi;
  options.process.forced_template = template_id;
  options.engine.chinese_model = model;
  options.engine.tessdata_dir = tessdata;
  options.engine.second_opinion_below = recheck_below;
  options.engine.second_opinion_weakest_below = recheck_weakest_below;
  options.engine.second_model = second_model;
  const std::string model_warning = ocr::FallBackIfSecondModelMissing(&options.engine);
  options.templates_fingerprint = TemplatesFingerprint(templates) + " model=" + model + " dpi=" + std::to_string(dpi) +
                                  " recheck=" + std::to_string(recheck_below) + "/" + std::to_string(recheck_weakest_below) + " second=" + options.engine.second_model;
  if (*eval) {
    if (options.out_dir.empty()) options.out_dir = "eval-out";
    options.inputs = {eval_dir};
  }
  SetUpLogging(options.out_dir, verbose);
  if (!model_warning.empty()) spdlog::warn(model_warning);
  try {
    // Fail now, not in every worker, if a model is missing.
    if (!ocr::ModelFilesPresent(options.engine)) ocr::MakeTesseractEngine(options.engine);
  } catch (const std::exception& e) {
    std::cerr << "shenbao: " << e.what() << "\n";
    return kExitUsage;
  }
  const pipeline::BatchSummary summary = pipeline::RunBatch(options, templates);
  if (*eval) {
    pipeline::PrintEvaluation(pipeline::Evaluate(eval_dir, options.out_dir), std::cout);
    return 0;
  }
  if (*audit) pipeline::WriteStampAudit(options.out_dir);
  pipeline::PrintSummary(summary, options.out_dir, std::cerr);
  return summary.ExitCode();
}
