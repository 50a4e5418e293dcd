# escape=`
FROM mcr.microsoft.com/windows/servercore
RUN dir `
    C:\\ `
    /b
COPY a\b `
  c:\dest\
