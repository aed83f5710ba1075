#pragma once

#include "gui/appsettings.h"

#include <QDialog>

#include <memory>

class QLineEdit;
class QSettings;

namespace Ui {
class SettingsDialog;
}

namespace pt::gui {

// The app's settings (AppSettings) in four tabs: the store file, the market
// data providers' addresses and the refresh interval, valuation (total's
// currency, daily close, risk-free rate, staleness limit), and appearance
// (language, theme). Reads them from a QSettings object when it opens; OK
// writes them all back, Cancel nothing. Input is checked on every edit: while
// something is invalid OK stays disabled, the reason shows under the tabs and
// the tab holding the field carries a warning icon.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // `settings` must outlive the dialog (the app's QSettings; a temporary INI
    // file in tests).
    explicit SettingsDialog(QSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // What the fields say; meaningful when isInputValid().
    AppSettings values() const;
    // The settings as the dialog found them.
    AppSettings initialValues() const { return m_initial; }
    // Whether the changes made take effect only at the next start (store,
    // language, provider addresses).
    bool needsRestart() const;

    // Whether the current input is valid, and the reason when it is not.
    bool isInputValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    // Writes every setting to the QSettings object and closes.
    void accept() override;

private:
    struct UrlField
    {
        QLineEdit *edit;
        QString name; // for messages, e.g. "CoinGecko"
    };

    void populate();
    void showValues(const AppSettings &values);
    void restoreMarketDataDefaults();
    void browseForStore();
    void updateSuffixes();
    void validateInput();
    // The reason the input is refused and the tab of the field, or an empty reason.
    QString readProblem(QWidget *&tab) const;
    QList<UrlField> urlFields() const;
    void showMessage(const QString &text, bool warning);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QSettings &m_settings;
    AppSettings m_initial;
    QString m_problem;
};

} // namespace pt::gui
