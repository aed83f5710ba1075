#pragma once

#include <QLoggingCategory>

namespace pt::gui {

Q_DECLARE_LOGGING_CATEGORY(lcGui)

} // namespace pt::gui
