#ifndef DRIFTWATCH_CCURL_SHIM_H
#define DRIFTWATCH_CCURL_SHIM_H

// libcurl for SMTP delivery. Only DriftAlerts imports this module.
#include <curl/curl.h>

#endif
