from fastapi.concurrency import run_in_threadpool

# read_config() and load_settings() unchanged


@app.get("/settings")
async def settings():
    return await run_in_threadpool(load_settings)
