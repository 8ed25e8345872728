/*
 * fuzz_report.c: libFuzzer target for the session report reader (report_parse), which
 * `rutas report` runs over report files gathered from many facilitators' laptops.
 *
 * Properties checked beside the sanitizers: a report is refused exactly when an error is
 * reported; an accepted one is written back by report_to_json() into a text that reads again to
 * the same JSON, turns into Markdown in both languages, and merges into a summary whose
 * totals count it.
 */
#include "fuzz_util.h"

#include "report.h"

static ReportSummary summary;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SessionReport report;
    PackErrors errors;
    pack_errors_init(&errors);
    bool ok = report_parse((const char *)data, size, "fuzz.json", &report, &errors);
    FUZZ_CHECK(ok == (errors.errors == 0));
    pack_errors_clear(&errors);
    if (!ok) {
        return 0;
    }
    char *json = report_to_json(&report);
    FUZZ_CHECK(json != NULL);
    SessionReport again;
    pack_errors_init(&errors);
    FUZZ_CHECK(report_parse(json, strlen(json), "again.json", &again, &errors));
    pack_errors_clear(&errors);
    char *json_again = report_to_json(&again);
    FUZZ_CHECK(strcmp(json, json_again) == 0);
    free(json_again);
    free(json);
    char *md = report_to_markdown(&report, "es-MX", NULL);
    FUZZ_CHECK(md != NULL);
    free(md);
    md = report_to_markdown(&report, "en", NULL);
    FUZZ_CHECK(md != NULL);
    free(md);
    report_summary_init(&summary);
    report_summary_add(&summary, &report);
    report_summary_add(&summary, &again);
    FUZZ_CHECK(summary.sessions == 2);
    FUZZ_CHECK(summary.teams_min <= summary.teams_max);
    return 0;
}
