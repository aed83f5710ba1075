#include "gui/importwizard.h"

#include "gui/importwizardjobs.h"
#include "gui/importwizardpages.h"
#include "io/importpresets.h"

#include <QAbstractButton>

namespace pt::gui {

ImportWizard::ImportWizard(std::shared_ptr<store::Database> database, Portfolio portfolio, QWidget *parent)
    : QWizard(parent), m_database(std::move(database)), m_portfolio(std::move(portfolio))
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import Transactions into %1").arg(m_portfolio.name));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    m_mapping = io::findImportPreset(u"generic")->mapping;
    setPage(FilePageId, new ImportFilePage(this));
    setPage(MappingPageId, new ImportMappingPage(this));
    setPage(ConfirmPageId, new ImportConfirmPage(this));
    setPage(ResultPageId, new ImportResultPage(this));
    setStartId(FilePageId);
    resize(1120, 760);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setFileName(const QString &fileName)
{
    if (fileName == m_fileName)
        return;
    m_fileName = fileName;
    m_parsed.reset();
    Q_EMIT fileNameChanged(fileName);
}

void ImportWizard::setImporting(bool importing)
{
    m_importing = importing;
    if (QAbstractButton *cancel = button(QWizard::CancelButton))
        cancel->setEnabled(!importing);
    if (QAbstractButton *finish = button(QWizard::FinishButton))
        finish->setEnabled(!importing);
}

void ImportWizard::reject()
{
    // The write is one transaction that runs to its end; closing now would
    // leave the user without its outcome.
    if (m_importing)
        return;
    QWizard::reject();
}

} // namespace pt::gui
