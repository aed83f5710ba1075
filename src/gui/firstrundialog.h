#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class FirstRunDialog;
}

namespace pt::gui {

// Shown when the store has no portfolio: a short welcome and three ways on —
// create a portfolio, explore the sample portfolio (made-up assets and prices,
// offline, removable from the File menu), or not now — with a "don't show this
// again" box. The dialog only asks: the caller acts on choice() (opens the
// portfolio dialog, or runs pt::createSampleBook on a worker) and keeps
// dontShowAgain() in its settings.
class FirstRunDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstRunDialog)

public:
    // Also exec()'s return value. Escape and the window's close button give NotNow.
    enum Choice : int {
        NotNow = QDialog::Rejected,
        CreatePortfolio = 2,
        OpenSample = 3,
    };
    Q_ENUM(Choice)

    explicit FirstRunDialog(QWidget *parent = nullptr);
    ~FirstRunDialog() override;

    Choice choice() const;

    bool dontShowAgain() const;
    void setDontShowAgain(bool dontShow);

private:
    std::unique_ptr<Ui::FirstRunDialog> m_ui;
};

} // namespace pt::gui
