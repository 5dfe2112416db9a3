#include "CD2LMath.h"
