// OrganisationsController's way into a case: the out-of-hours check before
// anything is sent (docs/organisations.md §9), then Client::OpenCase or
// OfferCase.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include "event_pump.h"
#include "languages.h"
#include "orgs_controller.h"

namespace kollega::desktop {
namespace {

QString Q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

QString OutOfHoursNoticeIn(const client::OrganisationInfo& o, const std::string& language) {
  auto it = o.out_of_hours_notices.find(language);
  if (it == o.out_of_hours_notices.end()) it = o.out_of_hours_notices.find("en");
  return Q(it != o.out_of_hours_notices.end() ? it->second : o.out_of_hours_notice);
}

void OrganisationsController::startCase(const QString& org_id, const QString& helper,
                                        const QString& category, const QString& text) {
  if (!client_ || busy_) return;
  SetInfo({});
  const QString message = text.trimmed();
  if (message.isEmpty()) return SetError(tr("Write a first message: a few words are enough."));
  // An offer goes to one organisation's helpers: the one chosen in the
  // filter, or the only one joined.
  QString org = helper.isEmpty() ? filter_.value("org") : org_id;
  if (org.isEmpty() && orgs_.size() == 1) org = Q(orgs_.front().org_id);
  if (org.isEmpty()) return SetError(tr("Choose an organisation first."));
  SetError({});
  SetBusy(true);
  pending_ = {org, helper, category, message};
  const std::string language = AppLanguageCode();
  // Fresh: whether it is open depends on the clock, not on the last load.
  client_->Organisations().Then(
      [this, org, language](Result<std::vector<client::OrganisationInfo>> r) {
        const bool ok = r.ok();
        QVariantMap closed;
        if (ok) {
          for (const auto& o : *r) {
            if (Q(o.org_id) != org || o.open_now) continue;
            closed = {{"orgId", org},
                      {"name", Q(o.name)},
                      {"notice", OutOfHoursNoticeIn(o, language)},
                      {"opensAt", double(o.changes_at_ms)}};
          }
        }
        PostTo(this, [this, ok, closed] {
          if (!client_) return;
          if (!ok) {
            SetBusy(false);
            pending_ = {};
            return SetError(tr("The app could not read the organisation's opening hours."));
          }
          if (closed.isEmpty()) return SendCase(pending_);
          // Nothing goes out until the seeker has read the notice.
          SetBusy(false);
          out_of_hours_ = closed;
          emit outOfHoursChanged();
        });
      });
}

void OrganisationsController::confirmOutOfHours() {
  if (!client_ || out_of_hours_.isEmpty()) return;
  out_of_hours_.clear();
  emit outOfHoursChanged();
  SetBusy(true);
  SendCase(pending_);
}

void OrganisationsController::cancelOutOfHours() {
  pending_ = {};
  if (out_of_hours_.isEmpty()) return;
  out_of_hours_.clear();
  emit outOfHoursChanged();
}

void OrganisationsController::SendCase(PendingCase pending) {
  pending_ = {};
  auto done = [this](Result<std::string> r) {
    const bool ok = r.ok();
    const StatusCode code = ok ? StatusCode::kOk : r.status().code();
    const QString id = ok ? Q(*r) : QString();
    const QString message = ok ? QString() : Q(r.status().message());
    PostTo(this, [this, ok, code, id, message] {
      if (!client_) return;
      SetBusy(false);
      if (ok) return emit caseOpened(id);
      if (code == StatusCode::kNotFound) {
        return SetError(
            tr("No helper who matches your choices is available right now. Choose fewer "
               "filters, or write to a helper in the list."));
      }
      SetError(tr("Your message could not be sent: %1").arg(message));
    });
  };
  const std::string category = pending.category.toStdString();
  const std::string text = pending.text.toStdString();
  if (pending.helper.isEmpty()) {
    client::HelperFilter filter = Filter();
    filter.org_id = pending.org_id.toStdString();
    client_->OfferCase(filter, category, text).Then(done);
  } else {
    client_->OpenCase(pending.org_id.toStdString(), pending.helper.toStdString(), category, text)
        .Then(done);
  }
}

}  // namespace kollega::desktop
