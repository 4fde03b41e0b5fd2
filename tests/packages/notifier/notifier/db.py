from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://notifier@localhost/notifier")
session_factory = async_sessionmaker(engine, class_=AsyncSession)


def new_session() -> AsyncSession:
    return session_factory()
