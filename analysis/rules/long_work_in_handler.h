#pragma once
// LW306 long-work-in-handler: a route handler awaits known slow side work before it responds
// (sending mail: `aiosmtplib.send`, `aiosmtplib.SMTP.send_message`, fastapi-mail
// `FastMail.send_message`, or `smtplib` work run in a thread with `run_in_threadpool` /
// `asyncio.to_thread` / `run_in_executor`): the client waits seconds for work it does not
// need. Suggest `BackgroundTasks`. Only when the result is discarded (an expression
// statement) and no `except` around the call turns a failure into the response.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_long_work_in_handler(const RuleContext& ctx, const semantic::Site& site,
                                DiagnosticSink& out);

}  // namespace lw::analysis
