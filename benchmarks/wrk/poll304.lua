-- GET check-for-updates with the device's token and the ETag of its first answer: each answer is 304.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
wrk.headers["If-None-Match"] = os.getenv("WRK_ETAG")
