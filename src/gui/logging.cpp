#include "gui/logging.h"

namespace pt::gui {

Q_LOGGING_CATEGORY(lcGui, "pt.gui")

} // namespace pt::gui
