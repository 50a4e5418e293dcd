# escape=`
FROM mcr.microsoft.com/windows/nanoserver
COPY testfile.txt c:\
RUN dir c:\ `
    && echo done
