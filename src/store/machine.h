// The fingerprint of the machine a run happens on.
#pragma once

#include "result/result.h"

namespace perfgate {

/// Host name, CPU model, core count, kernel and the compiler that built
/// perfgate, read from this machine. Fields it cannot read stay empty.
Environment describe_this_machine();

}  // namespace perfgate
