#include "gui/lingeringvisibility.h"

#include <QWidget>

namespace pt::gui {

LingeringVisibility::LingeringVisibility(QWidget *widget, std::chrono::milliseconds linger)
    : QObject(widget)
    , m_widget(widget)
{
    m_hide.setSingleShot(true);
    m_hide.setInterval(linger);
    connect(&m_hide, &QTimer::timeout, m_widget, &QWidget::hide);
}

LingeringVisibility::~LingeringVisibility() = default;

void LingeringVisibility::setBusy(bool busy)
{
    if (busy) {
        m_hide.stop();
        if (m_widget->isHidden())
            m_widget->show();
    } else if (!m_widget->isHidden() && !m_hide.isActive()) {
        m_hide.start();
    }
}

} // namespace pt::gui
