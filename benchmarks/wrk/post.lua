-- POST the JSON body in $WRK_BODY to the URL wrk was given.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("WRK_BODY")
