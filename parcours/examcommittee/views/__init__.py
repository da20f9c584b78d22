"""The exam committee's pages, one module per audience and area: the public desk and the
requester's requests (`desk`), the committee's desk queue (`queue`), decisions (`decisions`),
progress (`progress`), the diploma queue and supplement (`diploma`) and the BSA list (`bsa`);
what several share lives in `common`. The URLconf names the view by its module."""
