#include "gui/firstrundialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLinkButton>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using pt::gui::FirstRunDialog;

namespace {

template<typename T> T *child(const QWidget *parent, const char *name)
{
    auto *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

} // namespace

// The welcome shown on an empty store: each way on closes it with its own
// result, and it writes nothing itself.
class TestFirstRunDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buttonGivesChoice_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<int>("choice");
        QTest::newRow("create") << QStringLiteral("createButton") << int(FirstRunDialog::CreatePortfolio);
        QTest::newRow("sample") << QStringLiteral("sampleButton") << int(FirstRunDialog::OpenSample);
        QTest::newRow("not now") << QStringLiteral("notNowButton") << int(FirstRunDialog::NotNow);
    }

    void buttonGivesChoice()
    {
        QFETCH(QString, button);
        QFETCH(int, choice);
        FirstRunDialog dialog;
        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *clicked = dialog.findChild<QAbstractButton *>(button);
        QVERIFY(clicked);
        QTest::mouseClick(clicked, Qt::LeftButton);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toInt(), choice);
        QCOMPARE(int(dialog.choice()), choice);
        QCOMPARE(dialog.result(), choice);
        QVERIFY(!dialog.isVisible());
    }

    void escapeIsNotNow()
    {
        FirstRunDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.choice(), FirstRunDialog::NotNow);
    }

    void enterCreates()
    {
        FirstRunDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(dialog.choice(), FirstRunDialog::CreatePortfolio);
    }

    void dontShowAgain()
    {
        FirstRunDialog dialog;
        QVERIFY(!dialog.dontShowAgain());
        auto *check = child<QCheckBox>(&dialog, "dontShowCheck");
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(4, check->height() / 2));
        QVERIFY(dialog.dontShowAgain());
        // Kept whichever way the dialog closes.
        QTest::mouseClick(child<QCommandLinkButton>(&dialog, "sampleButton"), Qt::LeftButton);
        QCOMPARE(dialog.choice(), FirstRunDialog::OpenSample);
        QVERIFY(dialog.dontShowAgain());
        dialog.setDontShowAgain(false);
        QVERIFY(!check->isChecked());
    }

    // The sample is announced as made up, offline and removable.
    void sampleIsLabelled()
    {
        FirstRunDialog dialog;
        auto *sample = child<QCommandLinkButton>(&dialog, "sampleButton");
        QVERIFY(sample->text().contains(QStringLiteral("sample")));
        QVERIFY(sample->description().contains(QStringLiteral("made-up")));
        QVERIFY(sample->description().contains(QStringLiteral("offline")));
        QVERIFY(sample->description().contains(QStringLiteral("File menu")));
        QVERIFY(child<QCommandLinkButton>(&dialog, "createButton")->text().contains(QStringLiteral("portfolio")));
    }

    // Renders, at a size that holds its text; PT_FIRSTRUN_GRAB names a file to save the picture to.
    void grabs()
    {
        FirstRunDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QPixmap picture = dialog.grab();
        QVERIFY(!picture.isNull());
        auto *intro = child<QLabel>(&dialog, "introLabel");
        QVERIFY(intro->height() >= intro->heightForWidth(intro->width()));
        const QString path = qEnvironmentVariable("PT_FIRSTRUN_GRAB");
        if (!path.isEmpty())
            QVERIFY(picture.save(path));
    }
};

QTEST_MAIN(TestFirstRunDialog)
#include "tst_firstrundialog.moc"
