// SPDX-License-Identifier: GPL-3.0-or-later
// CasesController's actions in a case and on availability: each forwards
// to client-core, shows a failure in words, and refreshes.
#include <memory>

#include "cases_controller.h"
#include "event_pump.h"

namespace kollega::desktop {

void CasesController::Act(client::Async<Status> call, const QString& failed, bool fetch) {
  const uint64_t generation = generation_;
  call.Then([this, generation, failed, fetch](Status s) {
    const bool ok = s.ok();
    const QString message = QString::fromStdString(s.message());
    PostTo(this, [this, generation, failed, fetch, ok, message] {
      if (generation != generation_ || client_ == nullptr) return;  // locked meanwhile
      SetError(ok ? QString() : failed.arg(message));
      refresh(fetch);
    });
  });
}

void CasesController::send(const QString& text) {
  if (client_ == nullptr || current_.isEmpty() || text.trimmed().isEmpty()) return;
  Act(client_->SendInCase(current_.toStdString(), text.toStdString()),
      tr("The message could not be sent: %1"));
}

void CasesController::accept() {
  if (client_ == nullptr || current_.isEmpty()) return;
  Act(client_->AcceptCase(current_.toStdString()), tr("The case could not be taken: %1"));
}

void CasesController::refer(const QString& resourceId) {
  if (client_ == nullptr || current_.isEmpty()) return;
  Act(client_->ReferInCase(current_.toStdString(), resourceId.toStdString()),
      tr("The card could not be shared: %1"));
}

void CasesController::askHandover(const QString& helper) {
  if (client_ == nullptr || current_.isEmpty()) return;
  Act(client_->AskHandover(current_.toStdString(), helper.toStdString()),
      tr("The handover could not be asked: %1"));
}

void CasesController::setSupportMinutes(int minutes) {
  if (client_ == nullptr || current_.isEmpty() || minutes < 0) return;
  Act(client_->SetSupportMinutes(current_.toStdString(), static_cast<uint32_t>(minutes)),
      tr("The support time could not be corrected: %1"));
}

void CasesController::startConversation() {
  if (client_ == nullptr || current_.isEmpty()) return;
  Act(client_->StartConversation(current_.toStdString()),
      tr("A new conversation could not be started: %1"));
}

void CasesController::answerHandover(bool agreed, const QString& passOn) {
  if (client_ == nullptr || current_.isEmpty()) return;
  const uint64_t generation = generation_;
  client_->AnswerHandover(current_.toStdString(), agreed, passOn.toStdString())
      .Then([this, generation, agreed](Result<std::string> r) {
        const bool ok = r.ok();
        const QString message = ok ? QString() : QString::fromStdString(r.status().message());
        const QString new_case = ok ? QString::fromStdString(*r) : QString();
        PostTo(this, [this, generation, agreed, ok, message, new_case] {
          if (generation != generation_ || client_ == nullptr) return;
          SetError(ok ? QString() : tr("Your answer could not be sent: %1").arg(message));
          refresh(false);
          // Agreed: the talk goes on with the new helper, in the new case.
          if (ok && agreed && !new_case.isEmpty()) open(new_case);
        });
      });
}

void CasesController::closeCase(bool heavy, const QString& category) {
  if (client_ == nullptr || current_.isEmpty()) return;
  const uint64_t generation = generation_;
  const QString case_id = current_;
  client_->CloseCase(case_id.toStdString(), heavy, category.toStdString())
      .Then([this, generation, case_id](Result<bool> r) {
        const bool ok = r.ok();
        const bool debrief = ok && *r;
        const QString message = ok ? QString() : QString::fromStdString(r.status().message());
        PostTo(this, [this, generation, case_id, ok, debrief, message] {
          if (generation != generation_ || client_ == nullptr) return;
          if (!ok) return SetError(tr("The case could not be closed: %1").arg(message));
          SetError({});
          SetDebrief(debrief);
          if (current_ == case_id) open({});
          emit caseClosed();
          refresh(false);
        });
      });
}

void CasesController::dismissDebrief() { SetDebrief(false); }

void CasesController::setAvailable() {
  if (client_ == nullptr) return;
  Act(client_->SetAvailability(client::Availability::kAvailable),
      tr("Your availability could not be changed: %1"), /*fetch=*/true);
  availability_ = Available;
  away_until_ms_ = 0;
  emit availabilityChanged();
}

void CasesController::setAway(double untilMs) {
  if (client_ == nullptr) return;
  Act(client_->SetAvailability(client::Availability::kAway, static_cast<int64_t>(untilMs)),
      tr("Your availability could not be changed: %1"), /*fetch=*/true);
  availability_ = Away;
  away_until_ms_ = static_cast<int64_t>(untilMs);
  emit availabilityChanged();
}

void CasesController::SetError(const QString& error) {
  if (error == error_) return;
  error_ = error;
  emit errorChanged();
}

void CasesController::SetDebrief(bool on) {
  if (on == debrief_) return;
  debrief_ = on;
  emit debriefPromptChanged();
}

}  // namespace kollega::desktop
