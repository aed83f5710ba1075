#pragma once

#include <QToolButton>

namespace pt::gui {

struct SyncSnapshot;

// The status bar's word on sync: when it last succeeded, how many changes
// wait to be sent, or that the last round failed (the reason in the tooltip).
// A click syncs now. Hidden while the store is not signed in.
class SyncStatusButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusButton)

public:
    explicit SyncStatusButton(QWidget *parent = nullptr);

    // Not show(): that would hide QWidget::show().
    void showSnapshot(const SyncSnapshot &snapshot);

    // The text and tooltip for `snapshot`, for the settings tab too.
    static QString summary(const SyncSnapshot &snapshot);
    static QString details(const SyncSnapshot &snapshot);
};

} // namespace pt::gui
