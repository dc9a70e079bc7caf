/** The files the signing screens accept, for <input accept> and for checking a dropped name. */
export const certificateFileAccept = '.p12,.pfx';
export const trustRootFileAccept = '.pem,.cer,.crt,.der';
export const pdfFileAccept = '.pdf';
